import { ruleFindings } from '../../../test/policy';
import { experiment, trialTemplate } from './fixtures';

const e = experiment({ trialTemplate: trialTemplate({ trialSpec: undefined, configMap: { configMapName: 'trial-templates', configMapNamespace: 'kubeflow', templatePath: 'pytorch.yaml' } }) });
const configMap = (namespace: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'trial-templates', namespace }, data });

describe('katib/trial-template-configmap', () => {
  test('rejects a templatePath the ConfigMap does not have', () => {
    expect(ruleFindings('katib/trial-template-configmap', e, configMap('kubeflow', { 'job.yaml': 'kind: Job' }))).toEqual([expect.objectContaining({
      path: '.spec.trialTemplate.configMap.templatePath',
      message: 'ConfigMap kubeflow/trial-templates has no key "pytorch.yaml" (it has job.yaml)',
      fix: 'use one of its keys as templatePath, or add "pytorch.yaml" to the ConfigMap\'s data',
    })]);
  });

  test('accepts a ConfigMap with the key, and a ConfigMap that is not one of the objects (it may be in the cluster)', () => {
    expect(ruleFindings('katib/trial-template-configmap', e, configMap('kubeflow', { 'pytorch.yaml': 'kind: PyTorchJob' }))).toEqual([]);
    expect(ruleFindings('katib/trial-template-configmap', e)).toEqual([]);
    expect(ruleFindings('katib/trial-template-configmap', e, configMap('other', {}))).toEqual([]);
  });
});
