import { canonicalJson, contentHash, withContentHash } from './content-hash';
import { Manifest } from './manifest';
import { ANNOTATIONS } from './metadata';

const cm: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { zz: '1' } }, data: { a: 'b', c: 'd' } };

describe('content hash', () => {
  test('is sha256 of the canonical JSON, stamped as a sorted annotation', () => {
    const stamped = withContentHash(cm);
    expect(stamped.metadata!.annotations![ANNOTATIONS.contentHash]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(stamped.metadata!.annotations!)).toEqual([ANNOTATIONS.contentHash, 'zz']);
  });

  test('ignores itself and key order, and changes with content', () => {
    const stamped = withContentHash(cm);
    expect(withContentHash(stamped)).toEqual(stamped);
    expect(contentHash(JSON.parse(canonicalJson(stamped)))).toBe(contentHash(cm));
    expect(contentHash({ ...cm, data: { c: 'd', a: 'b' } })).toBe(contentHash(cm));
    expect(contentHash({ ...cm, data: { a: 'c' } })).not.toBe(contentHash(cm));
  });

  test('an object with no other annotation hashes as one without annotations', () => {
    const bare: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    expect(contentHash({ ...bare, metadata: { name: 'x', annotations: {} } })).toBe(contentHash(bare));
    expect(Object.keys(withContentHash(bare).metadata!.annotations!)).toEqual([ANNOTATIONS.contentHash]);
  });

  test('canonical JSON sorts keys at every depth, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}');
  });

  test('canonical JSON is the same whether keys arrive sorted or not; integer-like keys first, as JavaScript orders them', () => {
    // Hashes stamped by earlier versions must stay valid: sorted input (no copy) and unsorted input (a copy) agree.
    const expected = '{"9":1,"10":2,"a":{"x":1,"y":2},"b":3}';
    expect(canonicalJson({ 9: 1, 10: 2, a: { x: 1, y: 2 }, b: 3 })).toBe(expected);
    expect(canonicalJson({ b: 3, a: { y: 2, x: 1 }, 10: 2, 9: 1 })).toBe(expected);
    expect(canonicalJson({ a: { x: 1, y: 2 }, b: 3, 10: 2, 9: 1 })).toBe(expected);
  });
});
