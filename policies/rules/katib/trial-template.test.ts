import { ruleFindings } from '../../../test/policy';
import { experiment, trialTemplate } from './fixtures';

const check = (fields: Record<string, unknown>) => ruleFindings('katib/trial-template', experiment({ trialTemplate: trialTemplate(fields) })).map((f) => `${f.path}: ${f.message}`);
const CONFIG_MAP = { configMapName: 'trial-templates', configMapNamespace: 'kubeflow', templatePath: 'job.yaml' };
const CONDITIONS = { successCondition: 'status.[@this].#(phase=="Succeeded")#', failureCondition: 'status.[@this].#(phase=="Failed")#' };

describe('katib/trial-template', () => {
  test('rejects a missing primary container, missing trialParameters, both sources and an incomplete configMap', () => {
    expect(check({ primaryContainerName: undefined })).toEqual(['.spec.trialTemplate.primaryContainerName: is required']);
    expect(check({ trialParameters: undefined })).toEqual(['.spec.trialTemplate.trialParameters: is required']);
    expect(check({ configMap: CONFIG_MAP })).toEqual(['.spec.trialTemplate.configMap: is set together with trialSpec; Katib takes one or the other']);
    expect(check({ trialSpec: undefined })).toEqual([
      '.spec.trialTemplate.successCondition: is required: Katib has no default successCondition for a ConfigMap template',
      '.spec.trialTemplate.failureCondition: is required: Katib has no default failureCondition for a ConfigMap template',
      '.spec.trialTemplate: has neither trialSpec nor configMap',
    ]);
    expect(check({ trialSpec: undefined, configMap: { configMapName: 'x' }, ...CONDITIONS })).toEqual([
      '.spec.trialTemplate.configMap.configMapNamespace: is required', '.spec.trialTemplate.configMap.templatePath: is required',
    ]);
  });

  test('rejects a kind Katib has no default conditions for, unless they are given', () => {
    const workflow = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', spec: {} };
    expect(check({ trialSpec: workflow })).toEqual([
      '.spec.trialTemplate.successCondition: is required: Katib has no default successCondition for a Workflow',
      '.spec.trialTemplate.failureCondition: is required: Katib has no default failureCondition for a Workflow',
    ]);
    expect(check({ trialSpec: workflow, ...CONDITIONS })).toEqual([]);
  });

  test('accepts a Job trialSpec (default conditions) and a complete ConfigMap template', () => {
    expect(check({})).toEqual([]);
    expect(check({ trialSpec: undefined, configMap: CONFIG_MAP, ...CONDITIONS })).toEqual([]);
  });
});
