export * from './core';
export * from './notebooks';
export * from './tenancy';
export * from './training';
export * from './serving';
export * from './tuning';
