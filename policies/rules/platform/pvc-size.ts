import { groupOf, Manifest } from '../../../manifest';
import { asArray, asObject, Json, subPath } from '../json';
import { Rule } from '../rule';
import { podSites, POD_KINDS } from './pod-templates';
import { formatAmount, parseQuantity } from './quantity';

export interface PvcSizeParams {
  /** The largest storage request of one claim, as a quantity. */
  readonly max: string;
}

/** A claim (its spec) and the JSON path of its spec. */
interface Claim {
  readonly path: string;
  readonly spec: Json;
  readonly what: string;
}

/** Storage claims stay under a cap: PVCs, StatefulSet claim templates, Trainer runtime claim policies, ephemeral volumes. */
export const pvcSize: Rule<PvcSizeParams> = {
  id: 'platform/pvc-size',
  category: 'platform',
  severity: 'error',
  appliesTo: [{ group: '', kind: 'PersistentVolumeClaim' }, ...POD_KINDS],
  summary: 'Every storage claim requests at most the configured size (param max, default 1Ti): PersistentVolumeClaims (notebook workspaces and data volumes too), StatefulSet volumeClaimTemplates, Trainer runtimes\' volumeClaimPolicies and ephemeral volumes in pod templates.',
  why: 'A claim cannot shrink once provisioned and is billed while it exists; an oversized notebook workspace or scratch volume (a typo of Ti for Gi) quietly costs more than the GPUs it serves, and can exhaust the storage class\'s capacity for everyone.',
  defaults: { max: '1Ti' },
  checkParams: ({ max }) => (parseQuantity(max)! > 0 ? [] : [`max "${max}" is not a positive quantity such as "500Gi" or "1Ti"`]),
  *check(object, { params }) {
    const claims = claimsOf(object);
    const max = parseQuantity(params.max)!;
    for (const c of claims) {
      const raw = asObject(asObject(c.spec.resources)?.requests)?.storage;
      const size = parseQuantity(raw);
      if (size === undefined || max === undefined || size <= max) continue;
      yield {
        path: `${c.path}.resources.requests.storage`,
        message: `${c.what} requests ${formatAmount('storage', size)} of storage, more than the ${formatAmount('storage', max)} one claim may have`,
        fix: `request at most ${params.max} (claims cannot shrink later); for a real need, ask the platform team for a waiver of platform/pvc-size on this object`,
      };
    }
  },
};

function claimsOf(object: Manifest): Claim[] {
  const spec = asObject(object.spec) ?? {};
  const group = groupOf(object.apiVersion);
  const claims: Claim[] = [];
  if (group === '' && object.kind === 'PersistentVolumeClaim') claims.push({ path: '.spec', spec, what: 'the claim' });
  if (group === 'apps' && object.kind === 'StatefulSet') {
    asArray(spec.volumeClaimTemplates).forEach((t, i) => claims.push({ path: subPath('.spec.volumeClaimTemplates', i, 'spec'), spec: asObject(asObject(t)?.spec) ?? {}, what: `claim template "${String(asObject(asObject(t)?.metadata)?.name ?? i)}"` }));
  }
  if (group === 'trainer.kubeflow.org') {
    const at = '.spec.template.spec.volumeClaimPolicies';
    asArray(asObject(asObject(spec.template)?.spec)?.volumeClaimPolicies).forEach((p, i) => asArray(asObject(p)?.templates).forEach((t, j) => {
      claims.push({ path: subPath(at, i, 'templates', j, 'spec'), spec: asObject(asObject(t)?.spec) ?? {}, what: `claim template "${String(asObject(asObject(t)?.metadata)?.name ?? j)}"` });
    }));
  }
  for (const pod of podSites(object)) {
    asArray(pod.spec.volumes).forEach((v, i) => {
      const template = asObject(asObject(asObject(v)?.ephemeral)?.volumeClaimTemplate);
      if (template) claims.push({ path: subPath(pod.path, 'volumes', i, 'ephemeral', 'volumeClaimTemplate', 'spec'), spec: asObject(template.spec) ?? {}, what: `ephemeral volume "${String(asObject(v)?.name)}" (${pod.role})` });
    });
  }
  return claims;
}
