import { presentIsHealthy } from '../../model';

/** LimitRange has no status: present is healthy. Argo CD shows no health (the same); a core kind, not emitted. */
export const MODEL = presentIsHealthy('', 'LimitRange', 'none', 'LimitRange: no status; healthy once it exists. Not emitted: a core kind.');
