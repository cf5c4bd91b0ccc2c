import { ruleFindings } from '../../../test/policy';
import { experiment, job, trialTemplate } from './fixtures';

describe('katib/trial-spec-metadata', () => {
  test('rejects a trial job with a name or namespace, or without apiVersion and kind', () => {
    const named = { ...job(['${trialParameters.lr}']), metadata: { name: 'train', namespace: 'team' } };
    expect(ruleFindings('katib/trial-spec-metadata', experiment({ trialTemplate: trialTemplate({ trialSpec: named }) })).map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.trialTemplate.trialSpec.metadata.name: the trial job sets metadata.name ("train")',
      '.spec.trialTemplate.trialSpec.metadata.namespace: the trial job sets metadata.namespace ("team")',
    ]);
    const { apiVersion: _a, ...bare } = job(['${trialParameters.lr}']);
    expect(ruleFindings('katib/trial-spec-metadata', experiment({ trialTemplate: trialTemplate({ trialSpec: bare }) })).map((f) => f.message)).toEqual([
      'the trial job has no apiVersion or kind',
    ]);
  });

  test('rejects a ConfigMap template that is not a YAML object', () => {
    const e = experiment({ trialTemplate: trialTemplate({ trialSpec: undefined, configMap: { configMapName: 't', configMapNamespace: 'team', templatePath: 'job' } }) });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 't', namespace: 'team' }, data: { job: '- not\n- an object' } };
    expect(ruleFindings('katib/trial-spec-metadata', e, cm).map((f) => f.message)).toEqual(['the template in the ConfigMap is not a YAML object']);
  });

  test('accepts a job without name and namespace', () => {
    expect(ruleFindings('katib/trial-spec-metadata', experiment())).toEqual([]);
  });
});
