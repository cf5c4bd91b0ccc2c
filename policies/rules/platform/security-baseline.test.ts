import { ANNOTATIONS, Manifest } from '../../../manifest';
import { runPolicies } from '../engine';
import { securityBaseline } from './security-baseline';
import { deployment, goodContainer, platformFindings } from './testing';

const findings = (params: Record<string, unknown>, ...objects: Manifest[]) => platformFindings('platform/security-baseline', params, ...objects);
const open = { name: 'main', image: 'x:1', resources: {} };

describe('platform/security-baseline', () => {
  test('rejects a container without the restricted settings, listing every gap', () => {
    expect(findings({}, deployment('web', [open])).map((f) => [f.path, f.message])).toEqual([[
      '.spec.template.spec.containers[0].securityContext',
      'container "main" (pod): runAsNonRoot is not true (on the container or its pod); allowPrivilegeEscalation is not false; capabilities do not drop ALL',
    ]]);
    const root = goodContainer({ securityContext: { runAsUser: 0, privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['SYS_ADMIN', 'NET_BIND_SERVICE'] } } });
    expect(findings({}, deployment('web', [root]))[0].message).toBe('container "main" (pod): runs as root (runAsUser 0); is privileged; adds capabilities SYS_ADMIN');
  });

  test('accepts hardened containers, with runAsNonRoot on the pod instead', () => {
    const podLevel = { ...goodContainer(), securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } };
    expect(findings({}, deployment('web', [goodContainer()]), deployment('pod-level', [podLevel], { template: { spec: { securityContext: { runAsNonRoot: true }, containers: [podLevel] } } }))).toEqual([]);
  });

  test('PodDefault sidecars must carry it themselves; allowed capabilities are a parameter', () => {
    const pd: Manifest = { apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault', metadata: { name: 'pd', namespace: 'team' }, spec: { selector: { matchLabels: { pd: 'true' } }, sidecars: [{ ...goodContainer(), securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } } }] } };
    expect(findings({}, pd).map((f) => f.message)).toEqual(['container "main" (injected containers): runAsNonRoot is not true (on the container); adds capabilities NET_ADMIN']);
    expect(findings({ allowedCapabilities: ['NET_ADMIN'] }, pd).map((f) => f.message)).toEqual(['container "main" (injected containers): runAsNonRoot is not true (on the container)']);
  });

  test('an exception is a waiver on the object: reported as waived, not as a finding', () => {
    const waived = deployment('legacy', [open], {}, { annotations: { [ANNOTATIONS.waivers]: JSON.stringify([{ rule: 'platform/security-baseline', reason: 'vendor image runs as root', expires: '2099-01-01' }]) } });
    const report = runPolicies([{ object: waived }], { rules: [securityBaseline as never], config: { rules: { 'platform/security-baseline': 'error' } } });
    expect(report.findings).toEqual([]);
    expect(report.waived.map((w) => w.waiver.reason)).toEqual(['vendor image runs as root']);
  });
});
