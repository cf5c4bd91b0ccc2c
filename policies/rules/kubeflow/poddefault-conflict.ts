import { ManifestSource } from '../../../manifest';
import { asObject } from '../json';
import { PodSite, podSites, POD_KINDS } from '../platform/pod-templates';
import { Rule, Violation } from '../rule';
import { selects } from './label-selector';
import { Conflict, mergeConflicts, PodDefaultSpec } from './poddefault-merge';

const EXCLUDE = 'poddefault.admission.kubeflow.org/exclude';

/**
 * PodDefaults that select the same pod must agree with each other and with the pod: the webhook
 * rejects the pod otherwise. Reported on each object whose pods would be rejected, and on a
 * PodDefault that clashes with itself (every pod it selects is rejected).
 */
export const podDefaultConflict: Rule = {
  id: 'kubeflow/poddefault-conflict',
  category: 'admission',
  severity: 'error',
  appliesTo: POD_KINDS,
  summary: 'The PodDefaults that select a pod (a notebook, job replica, trial, predictor …; by its labels, in its namespace) agree with each other and with the pod on every volume, toleration, env var, volume mount (by name and by path), annotation, label, init container and sidecar they share.',
  why: 'The PodDefault webhook rejects a pod when a merged entry differs ("conflict occurred while applying poddefaults"): the notebook, job or model server is accepted by the API server, but its pods are never created. The pod is compared with the API server\'s defaults filled in (a secret volume gains defaultMode: 420), so even a copy of the pod\'s own entry can clash.',
  source: 'kubeflow/dashboard components/poddefaults-webhooks/main.go mutatePods, safeToApplyPodDefaultsOnPod (mergeVolumes, mergeTolerations, mergeEnv, mergeVolumeMounts, mergeMap, mergeContainers)',
  *check(object, context) {
    if (object.kind === 'PodDefault') {
      yield* selfConflicts({ name: object.metadata?.name ?? '', spec: asObject(object.spec) ?? {} });
      return;
    }
    const namespace = object.metadata?.namespace;
    if (!namespace) return;
    const podDefaults = context.objectsOf('kubeflow.org', 'PodDefault', namespace);
    if (!podDefaults.length) return;
    for (const site of podSites(object)) {
      if (site.template || site.partial || site.annotations[EXCLUDE] === 'true') continue;
      yield* siteConflicts(site, podDefaults);
    }
  },
};

function* siteConflicts(site: PodSite, podDefaults: readonly ManifestSource[]): Iterable<Violation> {
  // The webhook lists the namespace's PodDefaults (by name) and keeps those whose selector matches.
  const selected = podDefaults
    .map((s) => ({ name: s.object.metadata?.name ?? '', spec: asObject(s.object.spec) ?? {} }))
    .filter((pd) => selects(asObject(pd.spec.selector), site.labels))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (!selected.length) return;
  const names = selected.map((pd) => `"${pd.name}"`).join(', ');
  for (const c of mergeConflicts(site, selected)) {
    if (c.first === c.podDefault) continue; // reported on the PodDefault itself
    yield {
      path: c.podPath ?? site.path,
      message: `the ${site.role} selects PodDefault${selected.length > 1 ? 's' : ''} ${names}, and the webhook rejects it at creation: ${describe(c)}`,
      fix: c.first === undefined
        ? `remove ${c.what} from the pod or from PodDefault "${c.podDefault}", or make them identical${c.defaulted ? ' (write the defaults into the PodDefault, e.g. defaultMode: 420)' : ''}`
        : `make PodDefaults "${c.first}" and "${c.podDefault}" agree on ${c.what}, set it in only one of them, or select only one of them`,
    };
  }
}

function* selfConflicts(pd: PodDefaultSpec): Iterable<Violation> {
  // Env and mounts are merged per container: one bare container shows the PodDefault's own clashes.
  const bare = { path: '.', spec: { containers: [{}] }, labels: {}, annotations: {}, labelsPath: '.metadata.labels' };
  for (const c of mergeConflicts(bare, [pd])) {
    if (c.first !== pd.name) continue;
    yield {
      path: c.entryPath,
      message: `${c.what} is set twice, differently (${short(c.theirs)} and ${short(c.mine)}): the webhook rejects every pod this PodDefault selects`,
      fix: `keep one entry for ${c.what}`,
    };
  }
}

function describe(c: Conflict): string {
  if (c.first === undefined) {
    return `${c.what} of PodDefault "${c.podDefault}" (${short(c.mine)}) differs from the pod's own (${short(c.theirs)})${c.defaulted ? ' once the API server has filled in its defaults' : ''}`;
  }
  return `${c.what} of PodDefault "${c.podDefault}" (${short(c.mine)}) differs from PodDefault "${c.first}"'s (${short(c.theirs)})`;
}

/** An entry in a message: JSON, shortened. */
function short(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 100 ? `${s.slice(0, 97)}…` : s;
}
