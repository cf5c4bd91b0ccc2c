import { presentIsHealthy } from '../../model';

/** ConfigMap has no status: present is healthy. Argo CD shows no health (the same); a core kind, not emitted. */
export const MODEL = presentIsHealthy('', 'ConfigMap', 'none', 'ConfigMap: no status; healthy once it exists. Not emitted: a core kind.');
