// Health, defined once: one declarative model per kind (health/<group>/<Kind>/model.ts), evaluated
// here for the reconciler and compiled into Argo CD health Lua (scripts/health-lua.ts →
// constructs/gitops/health-lua.ts). Imports only manifest/.
import { groupOf, Manifest } from '../manifest';
import { evaluate, pendingDeletion } from './evaluate';
import { compileLua } from './lua';
import { Health, HealthModel } from './model';
import { HEALTH_MODELS } from './models';

export { compileLua } from './lua';
export type { ArgoCdMode, Health, HealthModel, HealthStatus, Message, MessagePart, Path, Predicate, Rule } from './model';
export { HEALTH_STATUSES } from './model';
export { HEALTH_MODELS } from './models';

/** Argo CD's argocd-cm key suffix of a kind: `<group>_<Kind>`, or the bare Kind for core kinds. */
export function argocdKey(group: string, kind: string): string {
  return group ? `${group}_${kind}` : kind;
}

const BY_KEY = new Map(HEALTH_MODELS.map((m) => [argocdKey(m.group, m.kind), m]));

/** The model of an object's kind, if we have one. */
export function modelFor(obj: Pick<Manifest, 'apiVersion' | 'kind'>): HealthModel | undefined {
  return BY_KEY.get(argocdKey(groupOf(obj.apiVersion ?? ''), obj.kind));
}

/**
 * The health of a live object, as Argo CD would show it with our argocd-cm patch: Missing when
 * it does not exist, Unknown for a kind without a model, else its model's outcome; an object
 * being deleted is Progressing (Argo CD's own rule). Never throws.
 */
export function assessHealth(obj: Manifest | undefined | null): Health {
  if (!obj) return { status: 'Missing', message: 'not found in the cluster' };
  const model = modelFor(obj);
  if (!model) return { status: 'Unknown', message: `no health model for ${obj.apiVersion} ${obj.kind}` };
  return pendingDeletion(obj) ?? evaluate(model, obj);
}

/**
 * The argocd-cm health scripts: `resource.customizations.health.<key>` suffix → Lua, for the
 * kinds whose Argo CD assessment is ours (`argocd: 'lua'`), sorted by key.
 */
export function healthLua(models: readonly HealthModel[] = HEALTH_MODELS): Record<string, string> {
  const entries = models.filter((m) => m.argocd === 'lua').map((m) => [argocdKey(m.group, m.kind), compileLua(m)] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
