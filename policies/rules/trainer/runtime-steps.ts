// What the runtime webhook checks of the steps a TrainJob's trainer and initializers run, and
// what the TrainJob webhook later requires of them.
import { asArray, asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { namesOf } from '../training-operator/wording';
import { containersOf, INITIALIZER_VOLUME, replicatedJobsOf, RUNTIMES, STEP } from './runtimes';

/** The container each ancestor step must have (expectedContainerNames). */
const STEP_CONTAINER: Readonly<Record<string, string>> = {
  [STEP.trainer]: STEP.node,
  [STEP.datasetInitializer]: STEP.datasetInitializer,
  [STEP.modelInitializer]: STEP.modelInitializer,
};

export const ancestorStepsRule: Rule = {
  id: 'trainer/runtime-ancestor-steps',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: RUNTIMES,
  summary: 'Every replicated job of a runtime labelled as a trainer, dataset-initializer or model-initializer step (`trainer.kubeflow.org/trainjob-ancestor-step`) has `replicas: 1` and the step\'s container: `node`, `dataset-initializer` or `model-initializer`.',
  why: 'The trainer finds the container to configure by that name and runs each step as one Job (scaling the trainer with numNodes); the webhook rejects the runtime otherwise.',
  source: 'kubeflow/trainer v2.3.0 pkg/webhooks/trainingruntime_webhook.go validateReplicatedJobs (also used by clustertrainingruntime_webhook.go)',
  *check(runtime) {
    for (const job of replicatedJobsOf(runtime)) {
      const expected = job.ancestor === undefined ? undefined : STEP_CONTAINER[job.ancestor];
      if (!expected) continue;
      const replicas = job.json.replicas ?? 1;
      if (replicas !== 1) {
        yield { path: path(...job.at, 'replicas'), message: `must be 1, got ${JSON.stringify(replicas)}: the trainer runs the ${job.ancestor} step as one Job`, fix: 'remove replicas (it defaults to 1); scale the trainer with mlPolicy.numNodes' };
      }
      const containers = containersOf(job);
      if (!containers.some((c) => c.name === expected)) {
        yield {
          path: path(...job.at, 'template', 'spec', 'template', 'spec', 'containers'),
          message: `has no container named "${expected}", which the ${job.ancestor} step requires (it has ${namesOf(containers)})`,
          fix: `name the step's main container "${expected}"`,
        };
      }
    }
  },
};

export const initializerVolumeRule: Rule = {
  id: 'trainer/runtime-initializer-volume',
  category: 'runtime',
  checksTemplates: true,
  severity: 'warning',
  appliesTo: RUNTIMES,
  summary: 'A runtime\'s `dataset-initializer` and `model-initializer` containers mount a volume named `initializer`.',
  why: 'The trainer passes a TrainJob\'s storageUri only to an initializer that mounts it, and rejects every TrainJob that sets the initializer otherwise. A warning: a runtime may not take initializers from its jobs.',
  source: 'kubeflow/trainer v2.3.0 pkg/runtime/framework/plugins/jobset/jobset.go Validate',
  *check(runtime) {
    for (const job of replicatedJobsOf(runtime)) {
      if (job.name !== STEP.datasetInitializer && job.name !== STEP.modelInitializer) continue;
      const containers = containersOf(job);
      const i = containers.findIndex((c) => c.name === job.name);
      if (i === -1 || asArray(containers[i].volumeMounts).some((m) => asString(asObject(m)?.name) === INITIALIZER_VOLUME)) continue;
      const field = job.name === STEP.datasetInitializer ? 'dataset' : 'model';
      yield {
        path: path(...job.at, 'template', 'spec', 'template', 'spec', 'containers', i, 'volumeMounts'),
        message: `include no volume named "${INITIALIZER_VOLUME}", so the trainer rejects every TrainJob that sets spec.initializer.${field}`,
        fix: `name the volume the step downloads into "${INITIALIZER_VOLUME}" and mount it here`,
      };
    }
  },
};

export const envInjectionTargetsRule: Rule = {
  id: 'trainer/runtime-env-injection-targets',
  category: 'runtime',
  checksTemplates: true,
  severity: 'error',
  appliesTo: RUNTIMES,
  summary: 'Each target of a torch runtime\'s `mlPolicy.torch.envInjection` names a replicated job of the runtime and containers (or init containers) it has.',
  why: 'The trainer injects the PET_* variables into those containers and rejects the runtime\'s TrainJobs when one is missing; nothing checks the runtime itself.',
  source: 'kubeflow/trainer v2.3.0 pkg/runtime/framework/plugins/torch/torch.go validateEnvInjectionTargets',
  *check(runtime) {
    const targets = asArray(asObject(asObject(asObject(asObject(runtime.spec)?.mlPolicy)?.torch)?.envInjection)?.targets);
    const jobs = replicatedJobsOf(runtime);
    for (const [t, entry] of targets.entries()) {
      const target = asObject(entry);
      const jobName = asString(target?.jobName);
      const job = jobs.find((j) => j.name === jobName);
      if (!job) {
        yield { path: path('spec', 'mlPolicy', 'torch', 'envInjection', 'targets', t, 'jobName'), message: `names replicated job "${jobName}", which the runtime does not have`, fix: 'name a replicated job of the runtime, or remove the target' };
        continue;
      }
      const containers = [...containersOf(job), ...containersOf(job, 'initContainers')];
      for (const [c, name] of asArray(target?.containerNames).entries()) {
        if (containers.some((x) => x.name === name)) continue;
        yield {
          path: path('spec', 'mlPolicy', 'torch', 'envInjection', 'targets', t, 'containerNames', c),
          message: `names container "${name}", which replicated job "${jobName}" does not have (it has ${namesOf(containers)})`,
          fix: 'name one of its containers, or remove it',
        };
      }
    }
  },
};
