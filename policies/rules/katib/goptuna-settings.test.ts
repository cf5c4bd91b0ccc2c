import { ruleFindings } from '../../../test/policy';
import { algorithm, categorical, double, experiment, int } from './fixtures';

const check = (settings: Record<string, string>, parameters: unknown[]) =>
  ruleFindings('katib/goptuna-settings', experiment({ algorithm: algorithm('cmaes', settings), parameters })).map((f) => `${f.path}: ${f.message}`);

describe('katib/goptuna-settings', () => {
  test('rejects CMA-ES over one numeric dimension and settings goptuna cannot parse', () => {
    expect(check({ restart_strategy: 'sep', random_state: '1.5' }, [double('lr', '0.01', '0.1'), categorical('opt', ['sgd'])])).toEqual([
      '.spec.algorithm.algorithmSettings[0].value: restart_strategy must be one of none, ipop, bipop, got "sep"',
      '.spec.algorithm.algorithmSettings[1].value: random_state must be a whole number, got "1.5"',
      '.spec.parameters: CMA-ES needs at least two int or double parameters, and has 1',
    ]);
  });

  test('accepts two numeric dimensions and valid settings', () => {
    expect(check({ sigma: '0.3', restart_strategy: 'ipop', random_state: '7' }, [double('lr', '0.01', '0.1'), int('n', '1', '4')])).toEqual([]);
  });
});
