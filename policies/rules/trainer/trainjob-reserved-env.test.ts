import { ruleFindings } from '../../../test/policy';
import { replicatedJob, runtime, torchRuntime, trainJob } from '../../../test/training-manifests';

const withEnv = (name: string, runtimeName = 'torch') => trainJob({ runtimeRef: { name: runtimeName }, trainer: { env: [{ name: 'EPOCHS', value: '1' }, { name, value: 'x' }] } });

describe('trainer/trainjob-reserved-env', () => {
  test.each([
    ['torch', torchRuntime(), 'PET_NNODES'],
    ['mpi', runtime('torch', [replicatedJob('node', undefined, 'node'), replicatedJob('launcher', 'trainer', 'node')], { mpi: {} }), 'OMPI_MCA_orte_default_hostfile'],
    ['xgboost', runtime('torch', [replicatedJob('node', 'trainer', 'node')], { xgboost: {} }), 'DMLC_TRACKER_URI'],
  ])('rejects a variable the %s plugin sets', (framework, rt, variable) => {
    expect(ruleFindings('trainer/trainjob-reserved-env', rt, withEnv(variable))).toEqual([expect.objectContaining({
      path: '.spec.trainer.env[1].name', message: expect.stringMatching(new RegExp(`^${variable} is set by the trainer's ${framework} plugin \\(`)),
    })]);
  });

  test('accepts them where no plugin sets them, and when the runtime is not among the objects checked', () => {
    expect(ruleFindings('trainer/trainjob-reserved-env', runtime('plain', [replicatedJob('node', 'trainer', 'node')]), withEnv('PET_NNODES', 'plain'), withEnv('PET_NNODES', 'elsewhere'))).toEqual([]);
  });
});
