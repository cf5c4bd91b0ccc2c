import { isEmptySelector, selects } from './label-selector';

test('a selector selects as metav1.LabelSelectorAsSelector does', () => {
  const labels = { app: 'lab', tier: 'gpu' };
  expect(selects({ matchLabels: { app: 'lab' } }, labels)).toBe(true);
  expect(selects({ matchLabels: { app: 'other' } }, labels)).toBe(false);
  expect(selects({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['gpu', 'cpu'] }, { key: 'x', operator: 'DoesNotExist' }] }, labels)).toBe(true);
  expect(selects({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['gpu'] }] }, labels)).toBe(false);
  expect(selects({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
  expect(selects({}, labels)).toBe(true);
  expect(selects(undefined, {})).toBe(true);
  expect([isEmptySelector({}), isEmptySelector({ matchLabels: {} }), isEmptySelector({ matchLabels: { a: 'b' } })]).toEqual([true, true, false]);
});
