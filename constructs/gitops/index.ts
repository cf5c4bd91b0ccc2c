export { ARGOCD_SYNC_OPTIONS, protectNamespaces } from './sync-options';
