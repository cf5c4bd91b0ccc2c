import { pointerToPath } from '../json-path';
import { asArray, asInt, asNumber, asObject, asString, asStrings, path, subPath } from './json';

describe('readers tolerate wrong types', () => {
  const wrong = [undefined, null, 'x', 3, true, [], {}];

  test('asObject: plain objects only (not arrays, not null)', () => {
    expect(wrong.map(asObject)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, {}]);
  });

  test('asArray: arrays, else an empty one', () => {
    expect(asArray([1, 'a'])).toEqual([1, 'a']);
    expect(wrong.filter((v) => !Array.isArray(v)).map(asArray)).toEqual([[], [], [], [], [], []]);
  });

  test('asString: strings only (a YAML number is not one)', () => {
    expect(wrong.map(asString)).toEqual([undefined, undefined, 'x', undefined, undefined, undefined, undefined]);
    expect(asString('')).toBe('');
  });

  test('asNumber: finite numbers only (not "2", .inf or .nan)', () => {
    expect([2, 0.5, -1, '2', Infinity, -Infinity, NaN, null, true].map(asNumber)).toEqual([2, 0.5, -1, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(asNumber(undefined) ?? 1).toBe(1);
    expect(asNumber(0) ?? 1).toBe(0);
  });

  test('asInt: whole numbers only', () => {
    expect([2, 0, -3, 2.5, '2', Infinity, NaN].map(asInt)).toEqual([2, 0, -3, undefined, undefined, undefined, undefined]);
  });

  test('asStrings: the string entries of a map (labels, annotations), else an empty one', () => {
    expect(asStrings({ app: 'web', 'app.kubernetes.io/name': 'x', replicas: 2, on: true, nested: {} })).toEqual({ app: 'web', 'app.kubernetes.io/name': 'x' });
    expect(wrong.map(asStrings)).toEqual([{}, {}, {}, {}, {}, {}, {}]);
    expect(asStrings(['a'])).toEqual({});
  });
});

describe('paths', () => {
  test.each([
    [[], '.'],
    [['spec', 'replicatedJobs', 0, 'template'], '.spec.replicatedJobs[0].template'],
    [['metadata', 'labels', 'app.kubernetes.io/name'], '.metadata.labels["app.kubernetes.io/name"]'],
    [['spec', 'containers', 0, 'resources', 'limits', 'nvidia.com/gpu'], '.spec.containers[0].resources.limits["nvidia.com/gpu"]'],
    [['spec', 'nodes', 'my-node', 'steps', 1], '.spec.nodes.my-node.steps[1]'],
    [['data', '0', '_a', 'a b', 'a"b', ''], '.data["0"]._a["a b"]["a\\"b"][""]'],
  ] as Array<[Array<string | number>, string]>)('path(%j) → %s', (segments, expected) => {
    expect(path(...segments)).toBe(expected);
  });

  test('subPath extends a path; `.` is the root', () => {
    expect(subPath('.', 'spec')).toBe('.spec');
    expect(subPath('.', 0)).toBe('[0]');
    expect(subPath('.')).toBe('.');
    expect(subPath('.spec.template')).toBe('.spec.template');
    expect(subPath('.spec.containers', 0, 'resources', 'limits', 'nvidia.com/gpu')).toBe('.spec.containers[0].resources.limits["nvidia.com/gpu"]');
    expect(subPath('.metadata', 'annotations', 'serving.kserve.io/autoscalerClass')).toBe('.metadata.annotations["serving.kserve.io/autoscalerClass"]');
  });

  test('subPath of subPath is subPath of all the segments, and path is subPath from the root', () => {
    expect(subPath(subPath(subPath('.', 'spec'), 'containers'), 2)).toBe(subPath('.', 'spec', 'containers', 2));
    expect(path('spec', 'containers', 2)).toBe(subPath('.', 'spec', 'containers', 2));
  });

  test('the same formatting as paths from schema errors (JSON pointers)', () => {
    const data = { metadata: { labels: { 'app.kubernetes.io/name': 'x' } }, spec: { containers: [{ resources: { limits: { 'nvidia.com/gpu': 1 } } }] } };
    expect(pointerToPath('/metadata/labels/app.kubernetes.io~1name', data)).toBe(path('metadata', 'labels', 'app.kubernetes.io/name'));
    expect(pointerToPath('/spec/containers/0/resources/limits/nvidia.com~1gpu', data)).toBe(path('spec', 'containers', 0, 'resources', 'limits', 'nvidia.com/gpu'));
  });
});
