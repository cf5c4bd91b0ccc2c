// Test fixtures for platform rules: the findings of one rule with parameters set through the
// engine's configuration (as a stack's `policies` or a policy file would), and small manifests.
import { Finding, Manifest } from '../../../manifest';
import { runPolicies } from '../engine';
import { platformRules } from './index';

/** The findings of rule `id`, enabled with `params` (merged over its defaults), for plain objects. */
export function platformFindings(id: string, params: Record<string, unknown>, ...objects: Manifest[]): Finding[] {
  const rule = platformRules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  const sources = objects.map((object, i) => ({ file: `object-${i}.yaml`, object }));
  return runPolicies(sources, { rules: [rule], config: { rules: { [id]: { params } } } }).findings;
}

/** A container that meets every platform rule: pinned image, requests and limits, hardened. */
export function goodContainer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'main',
    image: 'ghcr.io/example/app:1.0.0',
    resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } },
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    ...overrides,
  };
}

/** A Deployment in namespace `team` running `containers`. */
export function deployment(name: string, containers: Record<string, unknown>[], spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Manifest {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'team', ...metadata },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers } }, ...spec },
  };
}
