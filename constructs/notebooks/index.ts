export { Notebook } from './notebook';
export type { DataVolume, NotebookProps } from './notebook';
export { NotebookImage, NotebookServerType } from './notebook-image';
export type { KubeflowImageOptions } from './notebook-image';
export { Workspace } from './workspace';
export type { NewWorkspaceOptions } from './workspace';
