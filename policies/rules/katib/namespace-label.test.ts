import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

const namespace = (labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', labels } });

describe('katib/namespace-label', () => {
  test('rejects an experiment whose Namespace, one of the objects, lacks the injection label', () => {
    expect(ruleFindings('katib/namespace-label', experiment(), namespace({}))).toEqual([expect.objectContaining({
      resource: 'kubeflow.org/v1beta1 Experiment team/tune', path: '.metadata.namespace',
      message: 'namespace "team" lacks the label katib.kubeflow.org/metrics-collector-injection: enabled, so Katib rejects the experiment',
    })]);
  });

  test('accepts a labelled Namespace, and a namespace that is not one of the objects', () => {
    expect(ruleFindings('katib/namespace-label', experiment(), namespace({ 'katib.kubeflow.org/metrics-collector-injection': 'enabled' }))).toEqual([]);
    expect(ruleFindings('katib/namespace-label', experiment())).toEqual([]);
  });
});
