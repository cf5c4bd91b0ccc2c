export * from './authorization';
export * from './feature-store';
export * from './repository';
export * from './stores';
