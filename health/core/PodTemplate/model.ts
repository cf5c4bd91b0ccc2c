import { presentIsHealthy } from '../../model';

/** PodTemplate has no status: present is healthy. Argo CD shows no health (the same); a core kind, not emitted. */
export const MODEL = presentIsHealthy('', 'PodTemplate', 'none', 'PodTemplate: no status; healthy once it exists. Not emitted: a core kind.');
