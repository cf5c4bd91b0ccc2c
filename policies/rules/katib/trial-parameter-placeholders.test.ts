import { ruleFindings } from '../../../test/policy';
import { experiment, job, trialTemplate } from './fixtures';

const CONFIG_MAP = { configMapName: 'trial-templates', configMapNamespace: 'kubeflow', templatePath: 'job.yaml' };
const configMap = (template: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'trial-templates', namespace: 'kubeflow' }, data: { 'job.yaml': template } });

describe('katib/trial-parameter-placeholders', () => {
  test('rejects a trial parameter the template does not use and a placeholder nothing declares', () => {
    const e = experiment({ trialTemplate: trialTemplate({
      trialParameters: [{ name: 'lr', reference: 'lr' }, { name: 'trialName', reference: '${trialSpec.Name}' }],
      trialSpec: job(['--lr=${trialParameters.lr}', '--bs=${trialParameters.batchSize}']),
    }) });
    expect(ruleFindings('katib/trial-parameter-placeholders', e).map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.trialTemplate.trialParameters[1].name: "trialName" is not used by the trial job: the template has no ${trialParameters.trialName}',
      '.spec.trialTemplate.trialSpec: the trial job uses ${trialParameters.batchSize}, but "batchSize" is not declared',
    ]);
  });

  test('checks a ConfigMap template when the ConfigMap is one of the objects, and only then', () => {
    const e = experiment({ trialTemplate: trialTemplate({ trialSpec: undefined, configMap: CONFIG_MAP }) });
    expect(ruleFindings('katib/trial-parameter-placeholders', e, configMap('args: ["--learning-rate=${trialParameters.learningRate}"]')).map((f) => f.path)).toEqual([
      '.spec.trialTemplate.trialParameters[0].name', '.spec.trialTemplate.configMap',
    ]);
    expect(ruleFindings('katib/trial-parameter-placeholders', e)).toEqual([]);
  });

  test('accepts a template using exactly its trial parameters', () => {
    expect(ruleFindings('katib/trial-parameter-placeholders', experiment())).toEqual([]);
    const e = experiment({ trialTemplate: trialTemplate({ trialSpec: undefined, configMap: CONFIG_MAP }) });
    expect(ruleFindings('katib/trial-parameter-placeholders', e, configMap('args: ["--lr=${trialParameters.lr}"]'))).toEqual([]);
  });
});
