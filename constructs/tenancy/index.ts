export * from './pod-default';
export * from './tenant';
