import { asArray, asObject } from '../json';
import { Rule } from '../rule';

const NOTEBOOK = [{ group: 'kubeflow.org', kind: 'Notebook' }];
const CONTROLLER = 'kubeflow/notebooks components/notebook-controller/controllers/notebook_controller.go';

/** The notebook controller builds the server from the template's first container. */
export const notebookContainers: Rule = {
  id: 'kubeflow/notebook-containers',
  category: 'runtime',
  severity: 'error',
  appliesTo: NOTEBOOK,
  summary: 'A Notebook\'s spec.template.spec.containers has at least one container (the notebook server).',
  why: 'The controller gives the first container the port, working directory and NB_PREFIX and points the Service at it; with an empty list it cannot build the StatefulSet or the Service, and the notebook never starts.',
  source: `${CONTROLLER} generateStatefulSet, generateService`,
  *check(object) {
    const spec = asObject(asObject(asObject(object.spec)?.template)?.spec);
    if (asArray(spec?.containers).length) return;
    yield {
      path: '.spec.template.spec.containers',
      message: 'the pod template has no container: the notebook controller builds the server from the first one',
      fix: `add the notebook server container, named as the notebook ("${object.metadata?.name ?? '<name>'}"), e.g. image ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.10.0`,
    };
  },
};

/** The controller configures the first container; the notebook's status follows the container named as the notebook. */
export const notebookContainerName: Rule = {
  id: 'kubeflow/notebook-container-name',
  category: 'runtime',
  severity: 'warning',
  appliesTo: NOTEBOOK,
  summary: 'A Notebook\'s first container is named as the Notebook.',
  why: 'The controller sets NB_PREFIX, the port and the working directory on the first container, but reports status.containerState from the container named as the Notebook: with another name the notebook UI never sees the server start (or why it fails), and a notebook-named container later in the list serves without its URL prefix.',
  source: `${CONTROLLER} generateStatefulSet, createNotebookStatus`,
  *check(object) {
    const first = asObject(asArray(asObject(asObject(asObject(object.spec)?.template)?.spec)?.containers)[0]);
    const name = object.metadata?.name;
    if (!first || !name || first.name === name) return;
    yield {
      path: '.spec.template.spec.containers[0].name',
      message: `the first container is named "${String(first.name)}", not "${name}" like the notebook: the controller configures the first container but reports the status of the one named "${name}"`,
      fix: `name the notebook server container "${name}" and put it first`,
    };
  },
};
