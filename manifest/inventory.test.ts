import { contentHash, withContentHash } from './content-hash';
import {
  compareEntries, INVENTORY_API_VERSION, INVENTORY_CRD, INVENTORY_HEALTH_STATUSES, inventoryEntryOf, inventoryFor, isInventory,
} from './inventory';
import { Manifest } from './manifest';
import { ANNOTATIONS, LABELS } from './metadata';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string, data: Record<string, string> = {}): Manifest =>
  withContentHash({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, data } as Manifest);

describe('inventoryFor', () => {
  const objects = [
    obj('v1', 'ConfigMap', 'b', 'team'),
    obj('kubeflow.org/v1', 'PyTorchJob', 'mnist', 'team'),
    obj('v1', 'Namespace', 'team'),
    obj('v1', 'ConfigMap', 'a', 'team'),
    obj('v1', 'ConfigMap', 'a', 'other'),
    obj('kubeflow.org/v1beta1', 'Experiment', 'tune', 'team'),
  ];

  test('lists every object by group, kind, namespace (cluster-scoped first) and name, with its version and content hash', () => {
    const inv = inventoryFor('dev', objects);
    expect(inv.spec.objects.map((e) => [e.group, e.version, e.kind, e.namespace, e.name])).toEqual([
      ['', 'v1', 'ConfigMap', 'other', 'a'],
      ['', 'v1', 'ConfigMap', 'team', 'a'],
      ['', 'v1', 'ConfigMap', 'team', 'b'],
      ['', 'v1', 'Namespace', undefined, 'team'],
      ['kubeflow.org', 'v1beta1', 'Experiment', 'team', 'tune'],
      ['kubeflow.org', 'v1', 'PyTorchJob', 'team', 'mnist'],
    ]);
    expect(inv.spec.objects.find((e) => e.kind === 'Namespace')).not.toHaveProperty('namespace');
    for (const e of inv.spec.objects) {
      const o = objects.find((m) => m.kind === e.kind && m.metadata!.name === e.name && m.metadata!.namespace === e.namespace)!;
      expect(e.hash).toBe(o.metadata!.annotations![ANNOTATIONS.contentHash]);
      expect(e.hash).toBe(contentHash(o));
    }
  });

  test('the order does not depend on the input order', () => {
    expect(inventoryFor('dev', [...objects].reverse())).toEqual(inventoryFor('dev', objects));
  });

  test('is named after the stack, labelled with the stack label (over a same-named label given), cluster-scoped, and carries its own content hash', () => {
    const inv = inventoryFor('dev', objects, { team: 'research', [LABELS.stack]: 'wrong' });
    expect(isInventory(inv)).toBe(true);
    expect(inv.apiVersion).toBe(INVENTORY_API_VERSION);
    expect(inv.metadata.name).toBe('dev');
    expect(inv.metadata.namespace).toBeUndefined();
    expect(inv.metadata.labels).toEqual({ team: 'research', [LABELS.stack]: 'dev' });
    expect(inv.spec.stack).toBe('dev');
    expect(inv.status).toBeUndefined();
    expect(inv.metadata.annotations![ANNOTATIONS.contentHash]).toBe(contentHash(inv));
  });

  test('leaves Inventories out (its own or another stack\'s)', () => {
    const other = inventoryFor('prod', objects);
    const inv = inventoryFor('dev', [...objects, other]);
    expect(inv.spec.objects.filter((e) => e.kind === 'Inventory')).toEqual([]);
    expect(inv.spec.objects).toHaveLength(objects.length);
  });

  test('one entry per identity: an object listed twice is listed once', () => {
    const inv = inventoryFor('dev', [...objects, objects[0], obj('v1', 'ConfigMap', 'b', 'team')]);
    expect(inv.spec.objects).toHaveLength(objects.length);
  });

  test('an empty stack has an empty list', () => {
    expect(inventoryFor('empty', []).spec.objects).toEqual([]);
  });

  test('an object without a name or a content hash is an error naming it', () => {
    expect(() => inventoryFor('dev', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }])).toThrow('an inventory lists named objects; v1 ConfigMap has no metadata.name');
    expect(() => inventoryEntryOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }))
      .toThrow(`v1 ConfigMap x has no ${ANNOTATIONS.contentHash} annotation; inventories list objects as synth stamps them`);
  });
});

test('compareEntries: group, then kind, namespace (absent first), name', () => {
  const e = (group: string, kind: string, name: string, namespace?: string) => ({ group, kind, name, namespace });
  expect(compareEntries(e('', 'A', 'x'), e('', 'A', 'x'))).toBe(0);
  expect(compareEntries(e('', 'Z', 'x'), e('a', 'A', 'x'))).toBeLessThan(0);
  expect(compareEntries(e('a', 'B', 'x'), e('a', 'A', 'x'))).toBeGreaterThan(0);
  expect(compareEntries(e('a', 'A', 'x'), e('a', 'A', 'a', 'ns'))).toBeLessThan(0);
  expect(compareEntries(e('a', 'A', 'b', 'ns'), e('a', 'A', 'a', 'ns'))).toBeGreaterThan(0);
});

describe('INVENTORY_CRD', () => {
  test('validates entry hashes as content hashes, and rows\' sync and health against the states', () => {
    const version = (INVENTORY_CRD.spec as any).versions[0];
    const props = version.schema.openAPIV3Schema.properties;
    expect(new RegExp(props.spec.properties.objects.items.properties.hash.pattern).test(inventoryFor('dev', [obj('v1', 'ConfigMap', 'a', 'team')]).spec.objects[0].hash)).toBe(true);
    expect(props.status.properties.objects.items.properties.health.enum).toEqual([...INVENTORY_HEALTH_STATUSES]);
    expect(version.subresources).toEqual({ status: {} });
    expect((INVENTORY_CRD.spec as any).scope).toBe('Cluster');
  });
});
