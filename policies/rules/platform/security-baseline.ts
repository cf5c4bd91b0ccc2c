import { asArray, asObject, subPath } from '../json';
import { Rule } from '../rule';
import { ContainerSite, containerSites, describeContainer, POD_KINDS } from './pod-templates';

export interface SecurityBaselineParams {
  /** Capabilities a container may add back after dropping ALL (the restricted Pod Security Standard allows only NET_BIND_SERVICE). */
  readonly allowedCapabilities: readonly string[];
}

/**
 * The restricted Pod Security Standard's container settings, on every pod template. A workload
 * that needs an exception carries a waiver (`cdk8s-kubeflow.io/waivers` annotation naming this
 * rule, a reason and an expiry date), so that each exception is visible and reviewed.
 */
export const securityBaseline: Rule<SecurityBaselineParams> = {
  id: 'platform/security-baseline',
  category: 'platform',
  severity: 'error',
  appliesTo: POD_KINDS,
  summary: 'Every container runs as non-root (runAsNonRoot on the container or its pod, no runAsUser 0), with allowPrivilegeEscalation false, capabilities dropping ALL (adding back only allowedCapabilities) and not privileged; exceptions are waived per object with the cdk8s-kubeflow.io/waivers annotation.',
  why: 'These are the restricted Pod Security Standard\'s container rules: a namespace enforcing it rejects the pods (a job, notebook or model server fails when its pods are created), and without it a compromised container runs as root with the capabilities to escape to the node.',
  defaults: { allowedCapabilities: ['NET_BIND_SERVICE'] },
  *check(object, { params }) {
    for (const c of containerSites(object)) {
      // An override (a TrainJob's trainer) has no security context: the runtime's container is checked.
      if (c.partial) continue;
      const problems = problemsOf(c, params.allowedCapabilities);
      if (!problems.length) continue;
      yield {
        path: subPath(c.path, 'securityContext'),
        message: `${describeContainer(c)}: ${problems.join('; ')}`,
        fix: 'set securityContext runAsNonRoot: true (here or on the pod), allowPrivilegeEscalation: false, capabilities.drop: ["ALL"]; if the workload truly needs more, waive platform/security-baseline on it with a reason and an expiry date',
      };
    }
  },
};

function problemsOf(c: ContainerSite, allowedCapabilities: readonly string[]): string[] {
  const sc = asObject(c.container.securityContext) ?? {};
  const podSc = asObject(c.pod.spec.securityContext) ?? {};
  const problems: string[] = [];
  const runAsUser = sc.runAsUser ?? podSc.runAsUser;
  if (runAsUser === 0) problems.push('runs as root (runAsUser 0)');
  else if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) problems.push(`runAsNonRoot is not true (on the container${c.pod.partial ? '' : ' or its pod'})`);
  if (sc.privileged === true) problems.push('is privileged');
  if (sc.allowPrivilegeEscalation !== false) problems.push('allowPrivilegeEscalation is not false');
  const caps = asObject(sc.capabilities) ?? {};
  if (!asArray(caps.drop).includes('ALL')) problems.push('capabilities do not drop ALL');
  const added = asArray(caps.add).filter((a) => typeof a === 'string' && !allowedCapabilities.includes(a));
  if (added.length) problems.push(`adds capabilities ${added.join(', ')}`);
  return problems;
}
