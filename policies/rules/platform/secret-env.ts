import { groupOf } from '../../../manifest';
import { asArray, asObject, subPath } from '../json';
import { Rule, Violation } from '../rule';
import { containerSites, describeContainer, POD_KINDS } from './pod-templates';

export interface SecretEnvParams {
  /** A regular expression (case-insensitive) for env var names that hold secrets. */
  readonly namePattern: string;
}

/** Secret-looking env vars take their value from a Secret, not a literal in the manifest. */
export const secretEnv: Rule<SecretEnvParams> = {
  id: 'platform/secret-env',
  category: 'platform',
  severity: 'error',
  appliesTo: POD_KINDS,
  summary: 'An env var whose name looks like a secret (namePattern: PASSWORD, SECRET, TOKEN, KEY, CREDENTIALS … as a word of the name) takes its value from a Secret (valueFrom.secretKeyRef), not a literal value; in every container, PodDefault, TrainJob trainer and initializer.',
  why: 'A literal value is in git, in dist/, in Argo CD\'s cache and in the object that everyone with read access to the namespace can get: the secret is leaked, and rotating it means a commit.',
  defaults: { namePattern: '(^|_)(PASSWORD|PASSWD|SECRET|TOKEN|KEY|APIKEY|CREDENTIALS?|PRIVATE)(_|$)' },
  checkParams: ({ namePattern }) => {
    try {
      new RegExp(namePattern, 'i');
      return [];
    } catch (e) {
      return [`namePattern is not a regular expression: ${(e as Error).message}`];
    }
  },
  *check(object, { params }) {
    const pattern = new RegExp(params.namePattern, 'i');
    for (const c of containerSites(object)) yield* literalSecrets(c.container.env, subPath(c.path, 'env'), describeContainer(c), pattern);
    // A PodDefault's env is injected into every container of the pods it selects.
    if (groupOf(object.apiVersion) === 'kubeflow.org' && object.kind === 'PodDefault') {
      yield* literalSecrets(asObject(object.spec)?.env, '.spec.env', 'the PodDefault', pattern);
    }
  },
};

function* literalSecrets(env: unknown, path: string, who: string, pattern: RegExp): Iterable<Violation> {
  for (const [i, e] of asArray(env).entries()) {
    const v = asObject(e) ?? {};
    if (typeof v.name !== 'string' || !pattern.test(v.name) || typeof v.value !== 'string') continue;
    // Empty values and references to other variables or template parameters hold no secret.
    if (v.value === '' || /\$[({]/.test(v.value)) continue;
    yield {
      path: subPath(path, i, 'value'),
      message: `${who}: env ${v.name} is a literal value; it looks like a secret, and a literal is readable in git and by everyone who can read the object`,
      fix: `store it in a Secret and reference it: valueFrom.secretKeyRef { name: <secret>, key: <key> } (in an app: EnvValue.fromSecret('<secret>', '<key>'))`,
    };
  }
}
