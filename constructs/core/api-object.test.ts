import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { LABELS } from '../../manifest';
import { constructError, manifest, testStack } from '../../test/util';
import { emit } from './api-object';
import { Stack } from './stack';

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

describe('object identity', () => {
  const cm = (scope: Construct, name: string, namespace = 'team') => emit(scope, `cm-${name}-${namespace}`, configMap, { name, namespace, appName: 'x', component: 'y' }, {});

  test('the same kind, namespace and name twice in one stack is an error naming the first owner', () => {
    const stack = testStack();
    cm(new Construct(stack, 'A'), 'lab');
    cm(new Construct(stack, 'B'), 'lab', 'other');
    emit(new Construct(stack, 'C'), 'pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, { name: 'lab', namespace: 'team', appName: 'x', component: 'y' }, {});
    const e = constructError(() => cm(new Construct(stack, 'D'), 'lab'));
    expect(e.message).toBe('test/D: name: core/ConfigMap team/lab is already defined by test/A\n  fix: give one of them a different construct id or an explicit name');
  });

  test('one construct emitting the same identity twice is an error too, and nothing is added', () => {
    const stack = testStack();
    const a = new Construct(stack, 'A');
    cm(a, 'data');
    expect(constructError(() => emit(a, 'again', configMap, { name: 'data', namespace: 'team', appName: 'x', component: 'y' }, {})).problem).toBe('core/ConfigMap team/data is emitted twice by this construct');
    expect(a.node.children).toHaveLength(1);
  });

  test('different stacks may reuse an identity', () => {
    const app = Testing.app();
    cm(new Construct(new Stack(app, 'dev', { namespace: 'team' }), 'A'), 'x');
    expect(() => cm(new Construct(new Stack(app, 'prod', { namespace: 'team' }), 'A'), 'x')).not.toThrow();
  });

  test('a construct outside any Stack is an error', () => {
    const chart = new Chart(Testing.app(), 'plain');
    expect(constructError(() => cm(new Construct(chart, 'A'), 'x')).problem).toBe('is not inside a Stack');
  });
});
