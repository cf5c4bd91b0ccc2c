import { Manifest } from '../../../manifest';
import { ruleFindings } from '../../../test/policy';

const notebook = (containers: unknown[], version = 'v1'): Manifest => ({ apiVersion: `kubeflow.org/${version}`, kind: 'Notebook', metadata: { name: 'lab', namespace: 'team' }, spec: { template: { spec: { containers } } } });

describe('kubeflow/notebook-containers', () => {
  test('rejects a notebook without a container, in every version', () => {
    for (const version of ['v1', 'v1beta1', 'v1alpha1']) {
      expect(ruleFindings('kubeflow/notebook-containers', notebook([], version)).map((f) => [f.path, f.message])).toEqual([
        ['.spec.template.spec.containers', 'the pod template has no container: the notebook controller builds the server from the first one'],
      ]);
    }
  });

  test('accepts a notebook with its server container', () => {
    expect(ruleFindings('kubeflow/notebook-containers', notebook([{ name: 'lab', image: 'x:1' }]))).toEqual([]);
  });
});

describe('kubeflow/notebook-container-name', () => {
  test('warns when the first container is not named as the notebook', () => {
    expect(ruleFindings('kubeflow/notebook-container-name', notebook([{ name: 'proxy' }, { name: 'lab' }])).map((f) => [f.severity, f.path, f.message])).toEqual([
      ['warning', '.spec.template.spec.containers[0].name', 'the first container is named "proxy", not "lab" like the notebook: the controller configures the first container but reports the status of the one named "lab"'],
    ]);
  });

  test('accepts the notebook-named container first', () => {
    expect(ruleFindings('kubeflow/notebook-container-name', notebook([{ name: 'lab' }, { name: 'proxy' }]))).toEqual([]);
  });
});
