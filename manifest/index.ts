// The contract every part of cdk8s-kubeflow shares — constructs, policies, health, the
// reconciler and the CLI: what a manifest is, the labels and annotations on it, its content
// hash, where it goes in dist/, and how a problem with it is reported. Imports nothing of ours.
export * from './content-hash';
export * from './findings';
export * from './inventory';
export * from './layout';
export * from './manifest';
export * from './metadata';
export * from './policy-config';
export * from './quota';
export * from './references';
export * from './releases';
export * from './yaml-output';
