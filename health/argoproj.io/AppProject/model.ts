import { presentIsHealthy } from '../../model';

/** AppProject: no health of its own (its status only lists JWT tokens): present is healthy; Argo CD shows none. */
export const MODEL = presentIsHealthy('argoproj.io', 'AppProject', 'none', 'AppProject: no health of its own; healthy once it exists.');
