import { isQuantity } from './quantity';

// Kubernetes' resource.ParseQuantity, as isQuantity uses it; oracle.test.ts checks more against it.
test.each([
  ['1', true], ['1.5Gi', true], ['500m', true], ['.5', true], ['5.', true], ['-1', true], ['+1', true],
  ['1e3', true], ['1E3', true], ['1E', true], ['-', true], ['.', true], ['1e-3', true],
  ['', false], ['1e', false], ['1Ki5', false], ['1.5 Gi', false], ['1ki', false], ['1KI', false], ['0x10', false], ['1.2.3', false],
])('%p is a quantity: %p', (s, want) => {
  expect(isQuantity(s)).toBe(want);
});
