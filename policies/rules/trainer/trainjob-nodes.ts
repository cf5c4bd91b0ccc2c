// What a TrainJob's node count and processes per node require of its runtime.
import { Manifest } from '../../../manifest';
import { asInt, asObject, path } from '../json';
import { Rule } from '../rule';
import { gpusOf, plural } from '../training-operator/gpus';
import { containersOf, describeRuntime, frameworkOf, patchedJobs, replicatedJobsOf, runtimeOf, STEP, TRAIN_JOB } from './runtimes';

export const mpiLauncherAsNodeRule: Rule = {
  id: 'trainer/trainjob-mpi-launcher-as-node',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: TRAIN_JOB,
  summary: 'A TrainJob of more than one node whose MPI runtime (among the objects checked) runs the launcher as a node has a runtime with both a `launcher` and a `node` replicated job.',
  why: 'With `runLauncherAsNode` the launcher is node 0 and the `node` job the others; without both, the webhook rejects more than one node.',
  source: 'kubeflow/trainer v2.3.0 pkg/runtime/framework/plugins/mpi/mpi.go Validate',
  *check(job, context) {
    const nodes = asInt(asObject(asObject(job.spec)?.trainer)?.numNodes) ?? 1;
    const runtime = runtimeOf(job, context);
    if (nodes < 2 || !runtime || asObject(asObject(asObject(runtime.spec)?.mlPolicy)?.mpi)?.runLauncherAsNode !== true) return;
    const names = new Set([...replicatedJobsOf(runtime).map((j) => j.name), ...patchedJobs(job)]);
    const missing = [STEP.launcher, STEP.node].filter((n) => !names.has(n));
    if (!missing.length) return;
    yield {
      path: '.spec.trainer.numNodes',
      message: `is ${nodes}, but ${describeRuntime(runtime)} runs the launcher as a node and has no ${missing.join(' or ')} replicated job`,
      fix: 'set numNodes: 1, or give the runtime both a launcher and a node replicated job',
    };
  },
};

/**
 * The GPUs of each node of a runtime: the `node` container of its first replicated job named
 * `node` or labelled as the trainer step (ExtractResourcePerNodeFromRuntime).
 */
function runtimeGpus(runtime: Manifest, job: Manifest): number | undefined {
  for (const replicated of replicatedJobsOf(runtime)) {
    if (replicated.name !== STEP.node && replicated.ancestor !== STEP.trainer) continue;
    const node = containersOf(replicated).find((c) => c.name === STEP.node && c.resources !== undefined);
    if (!node) continue;
    return patchedJobs(job).has(replicated.name ?? '') ? undefined : gpusOf(asObject(node.resources))?.count;
  }
  return undefined;
}

export const trainJobProcessesFitGpusRule: Rule = {
  id: 'trainer/trainjob-processes-fit-gpus',
  category: 'runtime',
  checksTemplates: true,
  severity: 'error',
  appliesTo: TRAIN_JOB,
  summary: 'A TrainJob\'s processes per node (`trainer.numProcPerNode`, or its MPI runtime\'s) fit the GPUs of each node (`trainer.resourcesPerNode`, or the runtime\'s), for torch and MPI runtimes.',
  why: 'Each process drives the GPU of its local rank: with more processes than GPUs, the extra ranks find no device (or share one, which NCCL refuses). Nobody checks it when the job is created.',
  source: 'kubeflow/trainer v2.3.0 pkg/runtime/framework/plugins/torch/torch.go and mpi/mpi.go EnforceMLPolicy (numProcPerNode, resourcesPerNode)',
  *check(job, context) {
    const trainer = asObject(asObject(job.spec)?.trainer);
    const runtime = runtimeOf(job, context);
    const framework = runtime && frameworkOf(runtime);
    if (runtime && framework !== 'torch' && framework !== 'mpi') return;
    // MPI's default of 1 process per node means one per GPU.
    const runtimeProcs = framework === 'mpi' ? asInt(asObject(asObject(asObject(runtime!.spec)?.mlPolicy)?.mpi)?.numProcPerNode) : undefined;
    const procs = asInt(trainer?.numProcPerNode) ?? (runtimeProcs !== undefined && runtimeProcs > 1 ? runtimeProcs : undefined);
    if (procs === undefined) return;
    const own = gpusOf(asObject(trainer?.resourcesPerNode));
    const gpus = own?.count ?? (runtime ? runtimeGpus(runtime, job) : undefined);
    if (!gpus || gpus >= procs) return;
    const field = trainer?.numProcPerNode === undefined ? 'the runtime\'s mlPolicy.mpi.numProcPerNode' : 'numProcPerNode';
    yield {
      path: own ? path('spec', 'trainer', 'resourcesPerNode', ...own.field.slice(1)) : '.spec.trainer.numProcPerNode',
      message: `${field} starts ${procs} processes per node, but each node has only ${plural(gpus, 'GPU')}${own ? '' : ` (from ${describeRuntime(runtime!)})`}`,
      fix: `request at least ${procs} GPUs per node (trainer.resourcesPerNode) or lower numProcPerNode to ${gpus}: each process drives one GPU`,
    };
  },
};
