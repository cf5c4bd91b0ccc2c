import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Cpu, Size } from '../core';
import { XGBoostJob, XGBoostJobProps } from './xgboost-job';

const image = 'docker.io/kubeflow/xgboost-dist-iris:latest';
const resources = { cpu: { request: Cpu.units(2) }, memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } };

describe('XGBoostJob', () => {
  test('master and workers in container "xgboost", restartPolicy Never by default; schema-valid', () => {
    const stack = testStack();
    const job = new XGBoostJob(stack, 'iris', { master: { image, resources }, worker: { image, replicas: 2, resources } });
    const specs = manifest(stack, 'XGBoostJob').spec.xgbReplicaSpecs;
    expect(specs.Master).toMatchObject({ replicas: 1, restartPolicy: 'Never' });
    expect(specs.Worker.replicas).toBe(2);
    expect(specs.Worker.template.spec.containers[0]).toMatchObject({ name: 'xgboost', resources: { requests: { cpu: '2', memory: '4Gi' } } });
    expect(job.primaryContainerName).toBe('xgboost');
    expectSchemaValid(stack);
  });

  test.each<[string, Partial<XGBoostJobProps>, string, string]>([
    ['no master', { worker: { image } }, 'master', 'an XGBoostJob needs a master (the tracker)'],
  ])('rejects %s at construction', (_what, props, field, problem) => {
    const e = constructError(() => new XGBoostJob(testStack(), 'xgb', props as XGBoostJobProps));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('synth reports two masters', () => {
    const stack = testStack();
    new XGBoostJob(stack, 'xgb', { master: { image, replicas: 2 } });
    expect(policyFindings(stack, 'training-operator/')).toEqual([expect.objectContaining({
      rule: 'training-operator/master-replicas', construct: 'test/xgb', path: '.spec.xgbReplicaSpecs.Master.replicas', message: 'must be 1, got 2: the operator runs exactly one Master',
    })]);
  });
});
