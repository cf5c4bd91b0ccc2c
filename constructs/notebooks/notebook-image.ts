import { IConstruct } from 'constructs';
import { Release } from '../core';

/** Which IDE a notebook image serves; decides the routing annotations Kubeflow needs. */
export enum NotebookServerType {
  JUPYTER = 'jupyter',
  /** VS Code (code-server); Kubeflow calls it "group-one". */
  VSCODE = 'group-one',
  /** RStudio; Kubeflow calls it "group-two". */
  RSTUDIO = 'group-two',
}

const KUBEFLOW_IMAGES = 'ghcr.io/kubeflow/kubeflow/notebook-servers';

/** Options of Kubeflow's own notebook images. */
export interface KubeflowImageOptions {
  /**
   * The image tag.
   * @default - the target release's Kubeflow Notebooks version (`v1.10.0` on the Kubeflow platform preset), which its spawner offers
   */
  readonly tag?: string;
}

/** A notebook server image and the IDE it serves: `NotebookImage.jupyter()`, `.vscode()`, `.rstudio()`, `.custom(…)`. */
export class NotebookImage {
  /**
   * Kubeflow's JupyterLab images.
   * @param flavour `scipy` (default), `pytorch`, `pytorch-cuda`, `pytorch-full`, `pytorch-cuda-full`, `tensorflow`, `tensorflow-cuda`, …
   */
  static jupyter(flavour = 'scipy', options: KubeflowImageOptions = {}): NotebookImage {
    return new NotebookImage(`${KUBEFLOW_IMAGES}/jupyter-${flavour}`, NotebookServerType.JUPYTER, options.tag);
  }
  /** Kubeflow's VS Code (code-server) image with Python. */
  static vscode(options: KubeflowImageOptions = {}): NotebookImage {
    return new NotebookImage(`${KUBEFLOW_IMAGES}/codeserver-python`, NotebookServerType.VSCODE, options.tag);
  }
  /** Kubeflow's RStudio image with the tidyverse. */
  static rstudio(options: KubeflowImageOptions = {}): NotebookImage {
    return new NotebookImage(`${KUBEFLOW_IMAGES}/rstudio-tidyverse`, NotebookServerType.RSTUDIO, options.tag);
  }
  /** Your own image; it must serve the IDE under `$NB_PREFIX` on port 8888 like Kubeflow's images do. */
  static custom(image: string, serverType: NotebookServerType = NotebookServerType.JUPYTER): NotebookImage {
    return new NotebookImage(image, serverType, null);
  }

  /**
   * @param tag null for a custom image (the reference is whole); undefined for the release's version
   */
  private constructor(private readonly repository: string, public readonly serverType: NotebookServerType, private readonly tag: string | null | undefined) {}

  /** The image reference for a notebook in `scope`: Kubeflow's images are tagged with the target release's notebooks version unless a tag was given. */
  public reference(scope: IConstruct): string {
    if (this.tag === null) return this.repository;
    return `${this.repository}:${this.tag ?? `v${Release.of(scope).components.notebooks}`}`;
  }
}
