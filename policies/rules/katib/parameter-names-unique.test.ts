import { ruleFindings } from '../../../test/policy';
import { double, experiment } from './fixtures';

describe('katib/parameter-names-unique', () => {
  test('rejects a parameter listed twice', () => {
    expect(ruleFindings('katib/parameter-names-unique', experiment({ parameters: [double('lr', '0.01', '0.1'), double('lr', '0.1', '1')] }))).toEqual([
      expect.objectContaining({ path: '.spec.parameters[1].name', message: 'parameter "lr" is listed twice' }),
    ]);
  });

  test('accepts distinct names', () => {
    expect(ruleFindings('katib/parameter-names-unique', experiment({ parameters: [double('lr', '0.01', '0.1'), double('momentum', '0.8', '0.9')] }))).toEqual([]);
  });
});
