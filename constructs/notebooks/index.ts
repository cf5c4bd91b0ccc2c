export { Notebook } from './notebook';
export type { DataVolume, NotebookProps } from './notebook';
export { KUBEFLOW_IMAGE_TAG, NotebookImage, NotebookServerType } from './notebook-image';
export { Workspace } from './workspace';
export type { NewWorkspaceOptions } from './workspace';
