import { asArray, asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { frameworkOf, runtimeOf, TRAIN_JOB } from './runtimes';

/** TorchRunReservedEnvNames, MPIReservedEnvNames and XGBoostReservedEnvNames of kubeflow/trainer v2.3.0 pkg/constants. */
export const RESERVED_ENV: Readonly<Record<string, readonly string[]>> = {
  torch: ['PET_MASTER_ADDR', 'PET_MASTER_PORT', 'PET_NNODES', 'PET_NODE_RANK', 'PET_NPROC_PER_NODE'],
  mpi: ['OMPI_MCA_orte_default_hostfile', 'OMPI_MCA_orte_keep_fqdn_hostnames', 'OMPI_MCA_orte_set_default_slots', 'OMPI_MCA_plm_rsh_args'],
  xgboost: ['DMLC_NUM_WORKER', 'DMLC_TASK_ID', 'DMLC_TRACKER_PORT', 'DMLC_TRACKER_URI'],
};

export const reservedEnvRule: Rule = {
  id: 'trainer/trainjob-reserved-env',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: TRAIN_JOB,
  summary: 'A TrainJob\'s `trainer.env` sets none of the variables its runtime\'s framework plugin sets (torch: PET_*, mpi: OMPI_MCA_*, xgboost: DMLC_*), when the runtime is among the objects checked.',
  why: 'The plugin derives them from numNodes and numProcPerNode; the webhook rejects a job that sets one.',
  source: 'kubeflow/trainer v2.3.0 pkg/runtime/framework/plugins/{torch/torch.go,mpi/mpi.go,xgboost/xgboost.go} Validate',
  *check(job, context) {
    const runtime = runtimeOf(job, context);
    const framework = runtime && frameworkOf(runtime);
    const reserved = framework ? RESERVED_ENV[framework] : undefined;
    if (!reserved) return;
    for (const [i, entry] of asArray(asObject(asObject(job.spec)?.trainer)?.env).entries()) {
      const name = asString(asObject(entry)?.name);
      if (!name || !reserved.includes(name)) continue;
      yield {
        path: path('spec', 'trainer', 'env', i, 'name'),
        message: `${name} is set by the trainer's ${framework} plugin (${reserved.join(', ')})`,
        fix: 'remove it; the plugin derives it from numNodes and numProcPerNode',
      };
    }
  },
};
