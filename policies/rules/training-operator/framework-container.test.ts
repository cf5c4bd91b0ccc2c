import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

describe('training-operator/framework-container', () => {
  test('rejects a replica without the framework\'s container, or without containers', () => {
    const findings = ruleFindings('training-operator/framework-container', job('TFJob', { Chief: replica(1, 'main', 'sidecar'), Worker: replica(2) }));
    expect(findings.map((f) => [f.path, f.message, f.fix])).toEqual([
      ['.spec.tfReplicaSpecs.Chief.template.spec.containers', 'no container of Chief is named "tensorflow" (it has "main", "sidecar")', 'name the training container "tensorflow": the operator configures TFJobs through it'],
      ['.spec.tfReplicaSpecs.Worker.template.spec.containers', 'Worker has no containers', 'add the training container, named "tensorflow"'],
    ]);
  });

  test('accepts the framework\'s container among others', () => {
    expect(ruleFindings('training-operator/framework-container', job('PaddleJob', { Worker: replica(2, 'log-shipper', 'paddle') }))).toEqual([]);
  });
});
