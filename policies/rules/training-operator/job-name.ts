import { Rule } from '../rule';
import { jobKinds, WEBHOOK_KINDS } from './jobs';

const MAX = 63;

/** Why `name` is not a DNS-1035 label (NameIsDNS1035Label), or undefined when it is one. */
export function dns1035Problem(name: string): string | undefined {
  if (name.length > MAX) return `it has ${name.length} characters, and at most ${MAX} are allowed`;
  if (!/^[a-z]/.test(name)) return 'it must start with a lowercase letter';
  if (!/^[-a-z0-9]*$/.test(name)) return 'it may contain only lowercase letters, digits and "-"';
  if (name.endsWith('-')) return 'it must end with a letter or digit';
  return undefined;
}

/** A DNS-1035 label close to `name`, for the fix. */
function suggestion(name: string): string {
  const label = name.toLowerCase().replace(/[^-a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').slice(0, MAX).replace(/-+$/, '');
  return label || 'train-job';
}

export const jobNameRule: Rule = {
  id: 'training-operator/job-name',
  category: 'admission',
  severity: 'error',
  appliesTo: jobKinds(...WEBHOOK_KINDS),
  summary: 'A v1 job\'s name is a DNS-1035 label: lowercase letters, digits and "-", starting with a letter, at most 63 characters.',
  why: 'The operator names each pod and its Service `<name>-<replica type>-<index>`, and a Service name must be a DNS-1035 label; the webhook rejects the job otherwise.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/pytorch/pytorchjob_webhook.go validatePyTorchJob (NameIsDNS1035Label), and the same check of the tensorflow, xgboost, paddlepaddle and jax webhooks',
  *check(job) {
    const name = job.metadata?.name;
    if (typeof name !== 'string') return;
    const problem = dns1035Problem(name);
    if (problem) yield { path: '.metadata.name', message: `"${name}" is not a valid DNS-1035 label: ${problem}`, fix: `rename the job, e.g. "${suggestion(name)}"` };
  },
};
