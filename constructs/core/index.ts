// Everything core has, for the other domains (they import from '../core'). Helpers that are
// not for end users carry the internal JSDoc tag, so stripInternal keeps them out of the
// published .d.ts; the package's public part of core is listed in ../index.ts.
export * from './api-object';
export * from './container';
export * from './cron';
export * from './durations';
export * from './env';
export * from './errors';
export * from './images';
export * from './labels';
export * from './names';
export * from './pod';
export * from './probes';
export * from './quantities';
export * from './release';
export * from './resource';
export * from './security-context';
export * from './stack';
export * from './state';
export * from './urls';
export * from './volumes';
export * from './warnings';
