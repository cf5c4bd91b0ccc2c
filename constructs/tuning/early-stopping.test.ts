import { constructError, testStack } from '../../test/util';
import { EarlyStopping } from './early-stopping';

describe('EarlyStopping', () => {
  test('median stop renders only the settings given (the service has its defaults)', () => {
    expect(EarlyStopping.medianStop()._render()).toEqual({ algorithmName: 'medianstop', algorithmSettings: undefined });
    expect(EarlyStopping.medianStop({ minTrialsRequired: 5, startStep: 2 })._render()).toEqual({
      algorithmName: 'medianstop', algorithmSettings: [{ name: 'min_trials_required', value: '5' }, { name: 'start_step', value: '2' }],
    });
  });

  test.each([
    [{ minTrialsRequired: 0 }, 'earlyStopping.minTrialsRequired', 'min_trials_required must be a whole number ≥ 1'],
    [{ startStep: 0.5 }, 'earlyStopping.startStep', 'start_step must be a whole number ≥ 1'],
  ])('rejects %o', (settings, field, problem) => {
    const e = constructError(() => EarlyStopping.medianStop(settings)._validate(testStack(), 'earlyStopping'));
    expect([e.field, e.problem]).toEqual([field, expect.stringContaining(problem)]);
  });
});
