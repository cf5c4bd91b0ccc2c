import { Manifest } from '../../../manifest';
import { asInt, asObject, asString } from '../json';
import { Rule, Violation } from '../rule';
import { gpusOf, plural } from './gpus';
import { containersOf, containersPath, jobKinds, mainContainerIndex, Replica, replicasOf, specOf } from './jobs';

/** Processes started per pod, and the field that says so. */
interface Procs {
  readonly count?: number;
  /** One process per GPU (torchrun's `--nproc-per-node=gpu`). */
  readonly perGpu?: boolean;
  readonly field: string;
}

function procsOf(job: Manifest): Procs | undefined {
  const spec = specOf(job);
  if (job.kind === 'MPIJob') {
    const slots = asInt(spec.slotsPerWorker);
    return slots === undefined ? undefined : { count: slots, field: 'slotsPerWorker' };
  }
  const nproc = asString(spec.nprocPerNode);
  if (nproc !== undefined) return /^\d+$/.test(nproc) ? { count: Number(nproc), field: 'nprocPerNode' } : nproc === 'gpu' ? { perGpu: true, field: 'nprocPerNode' } : undefined;
  const elastic = asInt(asObject(spec.elasticPolicy)?.nProcPerNode);
  return elastic === undefined ? undefined : { count: elastic, field: 'elasticPolicy.nProcPerNode' };
}

function* checkReplica(job: Manifest, r: Replica, procs: Procs): Iterable<Violation> {
  const i = mainContainerIndex(job, r);
  if (i === undefined) return;
  const gpu = gpusOf(asObject(asObject(containersOf(r)[i])?.resources));
  const role = r.type.toLowerCase();
  if (procs.perGpu) {
    if (gpu && gpu.count > 0) return;
    yield {
      path: containersPath(r, i, 'resources'),
      message: `request no GPUs, but nprocPerNode is "gpu" (one process per GPU): torchrun finds no GPU in the ${role} pod and fails`,
      fix: `request GPUs for every replica, or set nprocPerNode to "auto"`,
    };
  } else if (procs.count !== undefined && gpu && gpu.count > 0 && gpu.count < procs.count) {
    yield {
      path: containersPath(r, i, ...gpu.field),
      message: `${procs.field} starts ${procs.count} processes per ${role} pod, but each pod has only ${plural(gpu.count, 'GPU')}`,
      fix: `request at least ${procs.count} GPUs per ${role} pod, or lower ${procs.field} to ${gpu.count}: each process drives one GPU, and NCCL fails when two share one`,
    };
  }
}

export const processesFitGpusRule: Rule = {
  id: 'training-operator/processes-fit-gpus',
  category: 'runtime',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('PyTorchJob', 'MPIJob'),
  summary: 'The processes a PyTorchJob (`nprocPerNode`) or MPIJob (`slotsPerWorker`) starts per GPU pod fit its GPUs, and `nprocPerNode: gpu` has GPUs to count.',
  why: 'Each process drives the GPU of its local rank: with more processes than GPUs, the extra ranks find no device (or share one, which NCCL refuses), and torchrun\'s `gpu` mode fails in a pod without GPUs. Nobody checks it when the job is created.',
  source: 'kubeflow/training-operator v1.9.4 pkg/controller.v1/pytorch/envvar.go (PET_NPROC_PER_NODE), pkg/controller.v1/mpi/mpijob_controller.go (hostfile slots)',
  *check(job) {
    const procs = procsOf(job);
    if (!procs) return;
    for (const r of replicasOf(job)) {
      if (job.kind === 'MPIJob' && r.type !== 'Worker') continue;
      yield* checkReplica(job, r, procs);
    }
  },
};
