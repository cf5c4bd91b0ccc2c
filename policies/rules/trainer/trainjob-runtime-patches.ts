import { asArray, asObject, asString, path } from '../json';
import { Rule, Violation } from '../rule';
import { STEP, TRAIN_JOB } from './runtimes';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;
/** The containers whose env the trainer owns. */
const OWN_ENV: readonly string[] = [STEP.datasetInitializer, STEP.modelInitializer, STEP.node];

/** Why `manager` is not a domain-prefixed path such as `acme.io/foo` (IsDomainPrefixedPath), or undefined. */
function managerProblem(manager: string): string | undefined {
  const slash = manager.indexOf('/');
  if (slash <= 0 || slash === manager.length - 1) return 'is not a domain-prefixed path such as "example.com/tuner"';
  const host = manager.slice(0, slash);
  if (host.length > 253 || !SUBDOMAIN.test(host)) return `has "${host}" as its domain, which is not a DNS-1123 subdomain`;
  if (!HTTP_PATH.test(manager.slice(slash + 1))) return 'has characters after the domain that a path does not allow';
  return undefined;
}

export const runtimePatchesRule: Rule = {
  id: 'trainer/trainjob-runtime-patches',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: TRAIN_JOB,
  summary: 'Each of a TrainJob\'s `runtimePatches` names its manager as a domain-prefixed path (`example.com/tuner`) and sets no env on the `node`, `dataset-initializer` and `model-initializer` containers.',
  why: 'The trainer sets those containers\' env from the job\'s trainer and initializer fields, which is where a job gives it; the webhook rejects a patch that does otherwise.',
  source: 'kubeflow/trainer v2.3.0 pkg/runtime/framework/plugins/jobset/jobset.go Validate',
  *check(job) {
    for (const [i, entry] of asArray(asObject(job.spec)?.runtimePatches).entries()) {
      const patch = asObject(entry);
      const manager = asString(patch?.manager);
      const problem = manager === undefined ? undefined : managerProblem(manager);
      if (problem) yield { path: path('spec', 'runtimePatches', i, 'manager'), message: `"${manager}" ${problem}`, fix: 'name the controller that owns the patch, e.g. "kueue.x-k8s.io/multikueue"' };
      yield* envPatches(asObject(asObject(asObject(patch?.trainingRuntimeSpec)?.template)?.spec), i);
    }
  },
};

function* envPatches(spec: Readonly<Record<string, unknown>> | undefined, i: number): Iterable<Violation> {
  for (const [j, replicated] of asArray(spec?.replicatedJobs).entries()) {
    const pod = asObject(asObject(asObject(asObject(asObject(replicated)?.template)?.spec)?.template)?.spec);
    for (const [k, c] of asArray(pod?.containers).entries()) {
      const name = asString(asObject(c)?.name);
      if (!name || !OWN_ENV.includes(name) || asArray(asObject(c)?.env).length === 0) continue;
      yield {
        path: path('spec', 'runtimePatches', i, 'trainingRuntimeSpec', 'template', 'spec', 'replicatedJobs', j, 'template', 'spec', 'template', 'spec', 'containers', k, 'env'),
        message: `sets env on the "${name}" container, which the trainer configures itself`,
        fix: name === STEP.node ? 'set the variables in spec.trainer.env' : `set the variables in spec.initializer.${name === STEP.datasetInitializer ? 'dataset' : 'model'}.env`,
      };
    }
  }
}
