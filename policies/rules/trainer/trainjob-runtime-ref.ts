// A TrainJob's reference to its runtime: a kind the trainer knows, and (a warning) one that the
// set holds under another kind or namespace.
import { asObject } from '../json';
import { Rule } from '../rule';
import { GROUP, runtimeRefOf, TRAIN_JOB } from './runtimes';

const KINDS = ['TrainingRuntime', 'ClusterTrainingRuntime'];

export const runtimeRefRule: Rule = {
  id: 'trainer/trainjob-runtime-ref',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: TRAIN_JOB,
  summary: `A TrainJob's \`runtimeRef\` is a TrainingRuntime or ClusterTrainingRuntime of ${GROUP} (the defaults when left out).`,
  why: 'The webhook looks the runtime up among the kinds the trainer registers and rejects any other as "unsupported runtime".',
  source: 'kubeflow/trainer v2.3.0 pkg/webhooks/trainjob_webhook.go ValidateCreate',
  *check(job) {
    const ref = runtimeRefOf(job);
    if (ref.apiGroup !== GROUP) {
      yield { path: '.spec.runtimeRef.apiGroup', message: `is "${ref.apiGroup}", but runtimes are of ${GROUP}`, fix: `set apiGroup: ${GROUP}, or leave it out` };
    } else if (!KINDS.includes(ref.kind)) {
      yield { path: '.spec.runtimeRef.kind', message: `is "${ref.kind}", which is not a runtime kind (${KINDS.join(', ')})`, fix: 'set kind: ClusterTrainingRuntime (the default) or TrainingRuntime' };
    }
  },
};

export const runtimeMismatchRule: Rule = {
  id: 'trainer/trainjob-runtime-mismatch',
  category: 'runtime',
  checksTemplates: true,
  severity: 'warning',
  appliesTo: TRAIN_JOB,
  summary: 'A TrainJob does not refer to a runtime that the objects checked hold only under the other kind (ClusterTrainingRuntime is the default) or in another namespace.',
  why: 'The trainer looks a TrainingRuntime up in the job\'s own namespace and a ClusterTrainingRuntime cluster-wide; the webhook rejects a job whose runtime it does not find. A warning: the runtime the job means may also exist in the cluster.',
  source: 'kubeflow/trainer v2.3.0 pkg/runtime/core/trainingruntime.go and clustertrainingruntime.go ValidateObjects',
  *check(job, context) {
    const ref = runtimeRefOf(job);
    const namespace = job.metadata?.namespace;
    if (ref.apiGroup !== GROUP || !ref.name || !KINDS.includes(ref.kind)) return;
    const named = (kind: string) => context.objectsOf(GROUP, kind).map((s) => s.object).filter((o) => o.metadata?.name === ref.name);
    const namespaced = named('TrainingRuntime');
    const cluster = named('ClusterTrainingRuntime');
    if (ref.kind === 'ClusterTrainingRuntime') {
      if (cluster.length || !namespaced.some((r) => r.metadata?.namespace === namespace)) return;
      yield {
        path: '.spec.runtimeRef.kind',
        message: `refers to ClusterTrainingRuntime "${ref.name}"${asObject(asObject(job.spec)?.runtimeRef)?.kind === undefined ? ' (the default kind)' : ''}, but "${ref.name}" is a TrainingRuntime of the job's namespace`,
        fix: 'set runtimeRef.kind: TrainingRuntime',
      };
    } else if (namespace !== undefined && namespaced.length && !namespaced.some((r) => r.metadata?.namespace === namespace)) {
      const elsewhere = [...new Set(namespaced.map((r) => r.metadata?.namespace ?? '?'))].map((n) => `"${n}"`).join(', ');
      yield {
        path: '.spec.runtimeRef.name',
        message: `TrainingRuntime "${ref.name}" is in namespace ${elsewhere}, the job in "${namespace}": a TrainJob uses only a TrainingRuntime of its own namespace`,
        fix: 'use a TrainingRuntime of the job\'s namespace, or a ClusterTrainingRuntime',
      };
    }
  },
};
