import { constructError, testStack } from '../../test/util';
import { checkMetadataMap } from './labels';

describe('checkMetadataMap', () => {
  test('accepts what the API server accepts', () => {
    expect(() => checkMetadataMap(testStack(), 'labels', {
      'app': 'x', 'example.com/team': 'ml', 'a.b-c_d': '', 'k': 'A'.repeat(63), [`${'p'.repeat(253)}/n`]: 'v',
    }, 'labels')).not.toThrow();
    expect(() => checkMetadataMap(testStack(), 'annotations', { 'example.com/config': '{"any": "value / with spaces"}' }, 'annotations')).not.toThrow();
  });

  test.each([
    [{ 'bad key': 'v' }, 'labels.bad key', '"bad key" is not a valid label key'],
    [{ 'Example.com/x': 'v' }, 'labels.Example.com/x', 'is not a valid label key'],
    [{ [`${'n'.repeat(64)}`]: 'v' }, `labels.${'n'.repeat(64)}`, 'is not a valid label key'],
    [{ team: 'has space' }, 'labels.team', 'label value "has space" is not valid'],
    [{ team: 'v'.repeat(64) }, 'labels.team', 'is not valid'],
    [{ team: '-edge' }, 'labels.team', 'is not valid'],
  ])('rejects labels %o', (labels, field, problem) => {
    const e = constructError(() => checkMetadataMap(testStack(), 'labels', labels, 'labels'));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('annotation values are free-form, their keys are not', () => {
    expect(constructError(() => checkMetadataMap(testStack(), 'annotations', { '/x': 'v' }, 'annotations')).problem).toBe('"/x" is not a valid annotation key');
  });
});
