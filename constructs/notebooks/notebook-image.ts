/** Which IDE a notebook image serves; decides the routing annotations Kubeflow needs. */
export enum NotebookServerType {
  JUPYTER = 'jupyter',
  /** VS Code (code-server); Kubeflow calls it "group-one". */
  VSCODE = 'group-one',
  /** RStudio; Kubeflow calls it "group-two". */
  RSTUDIO = 'group-two',
}

const KUBEFLOW_IMAGES = 'ghcr.io/kubeflow/kubeflow/notebook-servers';
/** The Kubeflow notebook-server image release the built-in images point at. */
export const KUBEFLOW_IMAGE_TAG = 'v1.10.0';

/** A notebook server image and the IDE it serves: `NotebookImage.jupyter()`, `.vscode()`, `.rstudio()`, `.custom(…)`. */
export class NotebookImage {
  /**
   * Kubeflow's JupyterLab images.
   * @param flavour `scipy` (default), `pytorch`, `pytorch-cuda`, `pytorch-full`, `pytorch-cuda-full`, `tensorflow`, `tensorflow-cuda`, …
   */
  static jupyter(flavour = 'scipy'): NotebookImage {
    return new NotebookImage(`${KUBEFLOW_IMAGES}/jupyter-${flavour}:${KUBEFLOW_IMAGE_TAG}`, NotebookServerType.JUPYTER);
  }
  /** Kubeflow's VS Code (code-server) image with Python. */
  static vscode(): NotebookImage {
    return new NotebookImage(`${KUBEFLOW_IMAGES}/codeserver-python:${KUBEFLOW_IMAGE_TAG}`, NotebookServerType.VSCODE);
  }
  /** Kubeflow's RStudio image with the tidyverse. */
  static rstudio(): NotebookImage {
    return new NotebookImage(`${KUBEFLOW_IMAGES}/rstudio-tidyverse:${KUBEFLOW_IMAGE_TAG}`, NotebookServerType.RSTUDIO);
  }
  /** Your own image; it must serve the IDE under `$NB_PREFIX` on port 8888 like Kubeflow's images do. */
  static custom(image: string, serverType: NotebookServerType = NotebookServerType.JUPYTER): NotebookImage {
    return new NotebookImage(image, serverType);
  }
  private constructor(public readonly image: string, public readonly serverType: NotebookServerType) {}
}
