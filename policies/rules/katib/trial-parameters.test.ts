import { ruleFindings } from '../../../test/policy';
import { double, experiment, job, trialTemplate } from './fixtures';

const check = (trialParameters: unknown[]) => ruleFindings('katib/trial-parameters', experiment({
  parameters: [double('lr', '0.01', '0.1'), double('momentum', '0.8', '0.9')],
  trialTemplate: trialTemplate({ trialParameters, trialSpec: job(['${trialParameters.lr}']) }),
})).map((f) => `${f.path}: ${f.message}`);

describe('katib/trial-parameters', () => {
  test('rejects empty or braced names, missing references, duplicates and references that are no parameter', () => {
    expect(check([
      { name: 'l{r}', reference: 'lr' },
      { name: 'rate', reference: '' },
      { name: 'lr', reference: 'lr' },
      { name: 'lr', reference: 'momentum' },
      { name: 'learningRate', reference: 'lr' },
      { name: 'wd', reference: 'weight_decay' },
    ])).toEqual([
      '.spec.trialTemplate.trialParameters[0]: a trial parameter name must not be empty or contain "{" or "}" ("l{r}")',
      '.spec.trialTemplate.trialParameters[1]: trial parameter "rate" has no reference',
      '.spec.trialTemplate.trialParameters[3].name: trial parameter "lr" is listed twice (also at index 2)',
      '.spec.trialTemplate.trialParameters[4].reference: substitutes the same value (lr) as "lr"',
      '.spec.trialTemplate.trialParameters[5].reference: substitutes "weight_decay", which is not a parameter of the experiment',
    ]);
  });

  test('accepts references to parameters and to trial metadata', () => {
    expect(check([
      { name: 'lr', reference: 'lr' },
      { name: 'm', reference: 'momentum' },
      { name: 'trialName', reference: '${trialSpec.Name}' },
      { name: 'team', reference: '${trialSpec.Labels[team]}' },
    ])).toEqual([]);
  });
});
