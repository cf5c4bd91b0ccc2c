import { formatAmount, isWhole, parseQuantity } from './quantity';

test.each([
  ['1', 1], ['500m', 0.5], ['2.5', 2.5], ['24Gi', 24 * 2 ** 30], ['1Ti', 2 ** 40], ['128M', 128e6], ['1e3', 1000], ['.5', 0.5], [4, 4],
])('parses %p', (raw, value) => expect(parseQuantity(raw)).toBeCloseTo(value));

test.each(['', 'abc', '1.2.3', '5 Gi', '1gb', undefined, null, {}])('rejects %p', (raw) => expect(parseQuantity(raw)).toBeUndefined());

test('whole numbers and readable amounts', () => {
  expect([1, 2.0, 0.5, 1.0000000001].map(isWhole)).toEqual([true, true, false, true]);
  expect(formatAmount('requests.cpu', 0.5)).toBe('500m');
  expect(formatAmount('cpu', 14.5)).toBe('14.5');
  expect(formatAmount('limits.memory', 24 * 2 ** 30)).toBe('24Gi');
  expect(formatAmount('requests.storage', 1.5 * 2 ** 40)).toBe('1.5Ti');
  expect(formatAmount('requests.nvidia.com/gpu', 3)).toBe('3');
});
