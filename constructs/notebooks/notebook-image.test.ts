import { manifest, testStack } from '../../test/util';
import { Release } from '../core';
import { Notebook } from './notebook';
import { NotebookImage, NotebookServerType } from './notebook-image';

const imageOf = (release: Release, image?: NotebookImage) => {
  const stack = testStack({ namespace: 'team', release });
  new Notebook(stack, 'Lab', { image });
  return manifest(stack, 'Notebook').spec.template.spec.containers[0].image;
};

describe('NotebookImage', () => {
  test('Kubeflow\'s images follow the target release\'s notebooks version (what its spawner offers)', () => {
    expect(imageOf(Release.KUBEFLOW_PLATFORM_2026_04)).toBe('ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.10.0');
    expect(imageOf(Release.NEWEST)).toBe('ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.11.0');
    expect(imageOf(Release.NEWEST, NotebookImage.vscode())).toBe('ghcr.io/kubeflow/kubeflow/notebook-servers/codeserver-python:v1.11.0');
    expect(imageOf(Release.NEWEST.withComponents({ notebooks: '1.10.1' }), NotebookImage.rstudio())).toBe('ghcr.io/kubeflow/kubeflow/notebook-servers/rstudio-tidyverse:v1.10.1');
  });

  test('a given tag, or a custom image, is used as written', () => {
    expect(imageOf(Release.NEWEST, NotebookImage.jupyter('pytorch-cuda', { tag: 'v1.9.2' }))).toBe('ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-pytorch-cuda:v1.9.2');
    const custom = NotebookImage.custom('registry.example.com/lab:2.1', NotebookServerType.VSCODE);
    expect(imageOf(Release.NEWEST, custom)).toBe('registry.example.com/lab:2.1');
    expect(custom.serverType).toBe(NotebookServerType.VSCODE);
  });
});
