import { asArray, asObject, asString } from '../json';
import { Rule } from '../rule';
import { containersOf, describeRuntime, INITIALIZER_VOLUME, patchedJobs, replicatedJobsOf, runtimeOf, STEP, TRAIN_JOB } from './runtimes';

const INITIALIZERS = [['dataset', STEP.datasetInitializer], ['model', STEP.modelInitializer]] as const;

export const initializersRule: Rule = {
  id: 'trainer/trainjob-initializers',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: TRAIN_JOB,
  summary: 'A TrainJob sets `spec.initializer.dataset` (or `.model`) only when its runtime, if among the objects checked, has a `dataset-initializer` (`model-initializer`) replicated job whose container of that name mounts the `initializer` volume.',
  why: 'That step downloads the storageUri into the volume the trainer nodes read; the webhook rejects a job whose runtime has no such step, container or mount.',
  source: 'kubeflow/trainer v2.3.0 pkg/runtime/framework/plugins/jobset/jobset.go Validate',
  *check(job, context) {
    const initializer = asObject(asObject(job.spec)?.initializer);
    const runtime = runtimeOf(job, context);
    if (!initializer || !runtime) return;
    const patched = patchedJobs(job);
    for (const [field, step] of INITIALIZERS) {
      if (initializer[field] === undefined || patched.has(step)) continue;
      const where = `.spec.initializer.${field}`;
      const rt = describeRuntime(runtime);
      const replicated = replicatedJobsOf(runtime).find((j) => j.name === step);
      const container = replicated && containersOf(replicated).find((c) => c.name === step);
      if (!replicated) {
        yield { path: where, message: `is set, but ${rt} has no ${step} step, so nothing would download it`, fix: `add a ${step} replicated job to the runtime, or remove spec.initializer.${field}` };
      } else if (!container && !containersOf(replicated, 'initContainers').some((c) => c.name === step)) {
        yield { path: where, message: `is set, but the ${step} step of ${rt} has no container named "${step}"`, fix: `name the step's container "${step}" in the runtime` };
      } else if (!asArray(container?.volumeMounts).some((m) => asString(asObject(m)?.name) === INITIALIZER_VOLUME)) {
        yield {
          path: where,
          message: `is set, but the ${step} container of ${rt} mounts no volume named "${INITIALIZER_VOLUME}", and the trainer rejects the job`,
          fix: `in the runtime, name the volume the step downloads into "${INITIALIZER_VOLUME}" and mount it in the ${step} container`,
        };
      }
    }
  },
};
