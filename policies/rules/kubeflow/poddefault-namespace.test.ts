import { Manifest } from '../../../manifest';
import { ruleFindings } from '../../../test/policy';

const podDefault = (namespace: string): Manifest => ({ apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault', metadata: { name: 'creds', namespace }, spec: { selector: { matchLabels: { creds: 'true' } } } });
const notebook: Manifest = { apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name: 'lab', namespace: 'team', labels: { creds: 'true' } }, spec: { template: { spec: { containers: [{ name: 'lab' }] } } } };
const findings = (...objects: Manifest[]) => ruleFindings('kubeflow/poddefault-namespace', ...objects);

describe('kubeflow/poddefault-namespace', () => {
  test('warns about pods labelled for a PodDefault of another namespace', () => {
    expect(findings(podDefault('other'), notebook).map((f) => [f.severity, f.resource, f.path, f.message])).toEqual([[
      'warning', 'kubeflow.org/v1 Notebook team/lab', '.metadata.labels',
      'the notebook pod\'s labels select PodDefault other/creds, but a PodDefault applies only to pods of its own namespace, and team has none with that selector',
    ]]);
  });

  test('accepts the same PodDefault in the pod\'s namespace, and PodDefaults nothing in the set selects', () => {
    expect(findings(podDefault('other'), podDefault('team'), notebook)).toEqual([]);
    expect(findings(podDefault('team'))).toEqual([]);
  });
});
