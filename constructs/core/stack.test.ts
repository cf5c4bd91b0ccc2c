import { ApiObject, Testing } from 'cdk8s';
import { ANNOTATIONS, contentHash, LABELS } from '../../manifest';
import { constructError } from '../../test/util';
import { Stack } from './stack';

describe('Stack', () => {
  test('labels every object and adds a content hash that depends only on content', () => {
    const stack = new Stack(Testing.app(), 'dev', { partOf: 'ml-platform', labels: { team: 'ml' } });
    new ApiObject(stack, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { zz: '1' } }, data: { a: 'b' } });
    const [obj] = stack.toJson();
    expect(obj.metadata.labels).toEqual({ [LABELS.partOf]: 'ml-platform', [LABELS.managedBy]: 'cdk8s-kubeflow', [LABELS.stack]: 'dev', team: 'ml' });
    expect(obj.metadata.annotations[ANNOTATIONS.contentHash]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(obj.metadata.annotations)).toEqual([ANNOTATIONS.contentHash, 'zz']);
    expect(obj.metadata.annotations[ANNOTATIONS.contentHash]).toBe(contentHash(obj));
  });

  test('stack id and namespace must be DNS labels', () => {
    expect(constructError(() => new Stack(Testing.app(), 'Dev_1')).field).toBe('id');
    expect(constructError(() => new Stack(Testing.app(), 'dev', { namespace: 'a.b' })).field).toBe('namespace');
    expect(constructError(() => new Stack(Testing.app(), 'dev', { partOf: 'ml platform' })).field).toBe('labels.app.kubernetes.io/part-of');
    expect(constructError(() => new Stack(Testing.app(), 'dev', { labels: { 'bad key': 'x' } })).field).toBe('labels.bad key');
  });
});
