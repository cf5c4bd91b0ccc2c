import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

describe('katib/early-stopping-name', () => {
  test('rejects an early-stopping algorithm katib-config does not list', () => {
    expect(ruleFindings('katib/early-stopping-name', experiment({ earlyStopping: { algorithmName: 'hyperband' } }))).toEqual([expect.objectContaining({
      path: '.spec.earlyStopping.algorithmName', message: '"hyperband" is not an early-stopping algorithm of katib-config', fix: 'use one of medianstop',
    })]);
    expect(ruleFindings('katib/early-stopping-name', experiment({ earlyStopping: {} })).map((f) => f.message)).toEqual(['is required']);
  });

  test('accepts medianstop, and no early stopping', () => {
    expect(ruleFindings('katib/early-stopping-name', experiment({ earlyStopping: { algorithmName: 'medianstop' } }))).toEqual([]);
    expect(ruleFindings('katib/early-stopping-name', experiment())).toEqual([]);
  });
});
