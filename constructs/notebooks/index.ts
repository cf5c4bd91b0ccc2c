export * from './notebook';
export * from './notebook-image';
export * from './workspace';
