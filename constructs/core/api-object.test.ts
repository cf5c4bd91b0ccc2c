import { constructError, manifest, testStack } from '../../test/util';
import { emit } from './api-object';
import { LABELS } from './labels';

const configMap = { apiVersion: 'v1', kind: 'ConfigMap' };

describe('emit', () => {
  test('the object name is the instance label, so it may have at most 63 characters (the longest label value)', () => {
    const stack = testStack();
    emit(stack, 'ok', configMap, { name: 'c'.repeat(63), namespace: 'team', appName: 'x', component: 'y' }, {});
    expect(manifest(stack, 'ConfigMap').metadata.labels[LABELS.instance]).toBe('c'.repeat(63));
    const e = constructError(() => emit(stack, 'long', configMap, { name: `${'c'.repeat(60)}.v1a`, namespace: 'team', appName: 'x', component: 'y' }, {}));
    expect(e.field).toBe('name');
    expect(e.problem).toBe(`"${'c'.repeat(60)}.v1a" is 64 characters long; at most 63 are allowed, because it is also the value of the app.kubernetes.io/instance label`);
    expect(e.fix).toBe(`shorten it, e.g. "${'c'.repeat(60)}-v1"`);
  });

  test('a long name is fine when the instance label is given separately', () => {
    const stack = testStack();
    emit(stack, 'claim', { apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, { name: 'd'.repeat(100), namespace: 'team', instance: 'lab', appName: 'x', component: 'y' }, {});
    expect(manifest(stack, 'PersistentVolumeClaim').metadata.labels[LABELS.instance]).toBe('lab');
  });
});
