import { ruleFindings } from '../../../test/policy';
import { algorithm, double, experiment, job, trialTemplate, using } from './fixtures';

const NAS = { graphConfig: { numLayers: 1, inputSizes: [32], outputSizes: [10] }, operations: [] };

describe('katib/trial-parameter-assignments', () => {
  test('rejects a search parameter no trial parameter references', () => {
    const e = experiment({ parameters: [double('lr', '0.01', '0.1'), double('momentum', '0.8', '0.9')], trialTemplate: using('lr') });
    expect(ruleFindings('katib/trial-parameter-assignments', e)).toEqual([expect.objectContaining({
      path: '.spec.parameters[1]',
      message: 'parameter "momentum" is not used by the trial job: no trial parameter references it, so Katib fails to create the trials',
    })]);
  });

  test('rejects a NAS experiment missing one of the algorithm\'s values, or referencing another', () => {
    const e = experiment({ parameters: undefined, nasConfig: NAS, algorithm: algorithm('enas'), trialTemplate: trialTemplate({
      trialParameters: [{ name: 'architecture', reference: 'architecture' }, { name: 'lr', reference: 'lr' }],
      trialSpec: job(['${trialParameters.architecture}', '${trialParameters.lr}']),
    }) });
    expect(ruleFindings('katib/trial-parameter-assignments', e).map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.trialTemplate.trialParameters: enas assigns "nn_config" to each trial, and no trial parameter references it, so Katib fails to create the trials',
      '.spec.trialTemplate.trialParameters[1].reference: substitutes "lr", which enas does not assign (it assigns architecture, nn_config)',
    ]);
  });

  test('rejects a label reference the trial job does not have', () => {
    const e = experiment({ trialTemplate: trialTemplate({
      trialParameters: [{ name: 'lr', reference: 'lr' }, { name: 'team', reference: '${trialSpec.Labels[team]}' }],
      trialSpec: job(['${trialParameters.lr}', '${trialParameters.team}']),
    }) });
    expect(ruleFindings('katib/trial-parameter-assignments', e).map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.trialTemplate.trialParameters[1].reference: references the trial job\'s label "team", which the trial job does not have',
    ]);
  });

  test('accepts every assignment referenced, and metadata the job has', () => {
    expect(ruleFindings('katib/trial-parameter-assignments', experiment())).toEqual([]);
    const labelled = { ...job(['${trialParameters.lr}', '${trialParameters.team}']), metadata: { labels: { team: 'vision' } } };
    expect(ruleFindings('katib/trial-parameter-assignments', experiment({ trialTemplate: trialTemplate({
      trialParameters: [{ name: 'lr', reference: 'lr' }, { name: 'team', reference: '${trialSpec.Labels[team]}' }, { name: 'n', reference: '${trialSpec.Name}' }],
      trialSpec: labelled,
    }) }))).toEqual([]);
    expect(ruleFindings('katib/trial-parameter-assignments', experiment({ parameters: undefined, nasConfig: NAS, algorithm: algorithm('enas'), trialTemplate: using('architecture', 'nn_config') }))).toEqual([]);
  });
});
