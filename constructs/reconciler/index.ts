export { Reconciler, RECONCILER_IMAGE_REPOSITORY } from './reconciler';
export type { ReconcilerProps } from './reconciler';
