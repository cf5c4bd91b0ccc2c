import { pointerToPath, valueAt } from './json-path';

describe('pointerToPath', () => {
  const data = { spec: { containers: [{ name: 'a' }], '0': { x: 1 } }, metadata: { labels: { 'app.kubernetes.io/name': 'x', 'a~b/c': 'y' } } };
  test.each([
    ['', '.'],
    ['/spec/containers/0/name', '.spec.containers[0].name'],
    ['/spec/0/x', '.spec["0"].x'],
    ['/metadata/labels/app.kubernetes.io~1name', '.metadata.labels["app.kubernetes.io/name"]'],
    ['/metadata/labels/a~0b~1c', '.metadata.labels["a~b/c"]'],
    ['/spec/missing/3', '.spec.missing["3"]'],
    ['/spec/containers/00/name', '.spec.containers[00].name'],
  ])('%s → %s', (pointer, expected) => {
    expect(pointerToPath(pointer, data)).toBe(expected);
  });
  test('valueAt follows the same pointer', () => {
    expect(valueAt(data, '/metadata/labels/app.kubernetes.io~1name')).toBe('x');
    expect(valueAt(data, '/spec/containers/0/name')).toBe('a');
    expect(valueAt(data, '/nope/x')).toBeUndefined();
  });
});
