// What a TrainJob must leave alone in a parameter-server runtime (MXNet's: scheduler, servers and
// workers as replicated jobs wired by ps-lite's DMLC_* variables).
import { asArray, asInt, asObject, asString, Json, path } from '../json';
import { Rule } from '../rule';
import { containersOf, describeRuntime, ReplicatedJob, replicatedJobsOf, runtimeOf, STEP, TRAIN_JOB } from './runtimes';

/** The variables that wire the roles together, set by the runtime on every role (ps-lite src/postoffice.cc and src/van.cc). */
const WIRING = ['DMLC_ROLE', 'DMLC_PS_ROOT_URI', 'DMLC_PS_ROOT_PORT', 'DMLC_NUM_SERVER'];

/** The literal env values of a container (`valueFrom` ones left out), by name. */
function literalEnv(container: Json): Map<string, string> {
  return new Map(asArray(container.env).flatMap((e) => {
    const name = asString(asObject(e)?.name);
    const value = asString(asObject(e)?.value);
    return name !== undefined && value !== undefined ? [[name, value] as const] : [];
  }));
}

/** The env a TrainJob's `runtimePatches` set on a replicated job's container; the trainer merges them in by name. */
function patchedEnv(job: Json, replicated: string, container: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const p of asArray(asObject(job.spec)?.runtimePatches)) {
    for (const r of asArray(asObject(asObject(asObject(asObject(p)?.trainingRuntimeSpec)?.template)?.spec)?.replicatedJobs)) {
      if (asString(asObject(r)?.name) !== replicated) continue;
      for (const c of asArray(asObject(asObject(asObject(asObject(asObject(r)?.template)?.spec)?.template)?.spec)?.containers)) {
        if (asString(asObject(c)?.name) === container) for (const [k, v] of literalEnv(asObject(c) ?? {})) env.set(k, v);
      }
    }
  }
  return env;
}

/** The workers' pods: the trainer step's count as the trainer computes it (numNodes, else the runtime's, else the step's parallelism). */
function workerCount(job: Json, runtime: Json, trainer: ReplicatedJob): number {
  const mlPolicy = asObject(asObject(runtime.spec)?.mlPolicy);
  const runtimeCount = mlPolicy ? asInt(mlPolicy.numNodes) ?? 1 : asInt(asObject(asObject(trainer.json.template)?.spec)?.parallelism) ?? 1;
  return asInt(asObject(asObject(job.spec)?.trainer)?.numNodes) ?? runtimeCount;
}

export const parameterServerRule: Rule = {
  id: 'trainer/trainjob-parameter-server',
  category: 'runtime',
  checksTemplates: true,
  severity: 'error',
  appliesTo: TRAIN_JOB,
  summary: 'A TrainJob of a parameter-server runtime (one whose containers set `DMLC_ROLE`, as MXNet\'s do) runs as many workers as every role\'s `DMLC_NUM_WORKER` says and keeps the workers\' `DMLC_ROLE`, `DMLC_PS_ROOT_URI`, `DMLC_PS_ROOT_PORT` and `DMLC_NUM_SERVER`, when the runtime is among the objects checked.',
  why: 'ps-lite\'s scheduler and servers wait for exactly DMLC_NUM_WORKER workers, and the trainer scales only the workers (trainer.numNodes), so the job hangs; a worker with another role or scheduler address never joins. Nobody checks it when the job is created.',
  source: 'kubeflow/trainer v2.3.0 pkg/runtime/framework/plugins/plainml/plainml.go EnforceMLPolicy; dmlc/ps-lite src/postoffice.cc InitEnvironment, src/van.cc Start',
  *check(job, context) {
    const runtime = runtimeOf(job, context);
    if (!runtime) return;
    const jobs = replicatedJobsOf(runtime);
    const trainerStep = jobs.find((j) => j.ancestor === STEP.trainer);
    const roles = jobs.flatMap((j) => containersOf(j).map((c) => ({ job: j, name: asString(c.name) ?? '', env: literalEnv(c) }))).filter((r) => r.env.has('DMLC_ROLE'));
    if (!trainerStep || !roles.length) return;
    const trainerEnv = asArray(asObject(asObject(job.spec)?.trainer)?.env);
    const jobEnv = literalEnv({ env: trainerEnv });
    const workers = workerCount(job, runtime, trainerStep);
    const wrong: string[] = [];
    for (const role of roles) {
      const isWorker = role.job === trainerStep && role.name === STEP.node;
      const env = isWorker ? jobEnv : patchedEnv(job, role.job.name ?? '', role.name);
      const expected = env.get('DMLC_NUM_WORKER') ?? role.env.get('DMLC_NUM_WORKER');
      if (expected !== undefined && expected !== String(workers)) wrong.push(`${role.job.name}/${role.name} (${expected})`);
    }
    if (wrong.length) {
      const own = asInt(asObject(asObject(job.spec)?.trainer)?.numNodes) !== undefined;
      yield {
        path: own ? '.spec.trainer.numNodes' : '.spec.runtimeRef',
        message: `runs ${workers} worker${workers === 1 ? '' : 's'}, but DMLC_NUM_WORKER of ${describeRuntime(runtime)} says otherwise for ${wrong.join(', ')}: its scheduler and servers wait for that many`,
        fix: own ? 'remove trainer.numNodes, or use a runtime with that many workers (MXNet: worker.replicas)' : 'make the runtime\'s worker count (mlPolicy.numNodes) and DMLC_NUM_WORKER agree',
      };
    }
    const node = roles.find((r) => r.job === trainerStep && r.name === STEP.node);
    for (const [i, entry] of trainerEnv.entries()) {
      const name = asString(asObject(entry)?.name);
      if (!node || !name || !WIRING.includes(name) || asString(asObject(entry)?.value) === node.env.get(name)) continue;
      yield {
        path: path('spec', 'trainer', 'env', i),
        message: `overrides ${name}${node.env.has(name) ? `=${node.env.get(name)}` : ''}, which ${describeRuntime(runtime)} sets on every role to wire the workers to the scheduler and servers`,
        fix: `remove ${name} from trainer.env; change it on the runtime`,
      };
    }
  },
};
