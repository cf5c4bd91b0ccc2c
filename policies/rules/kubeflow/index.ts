import { Rule } from '../rule';
import { notebookContainerName, notebookContainers } from './notebook-containers';
import { notebookName } from './notebook-name';
import { podDefaultConflict } from './poddefault-conflict';
import { podDefaultNamespace } from './poddefault-namespace';
import { podDefaultSelector } from './poddefault-selector';
import { profileName } from './profile-name';
import { profileNamespaceOwner } from './profile-namespace-owner';
import { profileOwner } from './profile-owner';
import { profileQuotaRequests } from './profile-quota-requests';

/** Kubeflow's PodDefault webhook, notebook controller and profile controller. */
export const kubeflowRules: readonly Rule<object>[] = [
  podDefaultConflict, podDefaultSelector, podDefaultNamespace,
  notebookContainers, notebookContainerName, notebookName,
  profileOwner, profileName, profileNamespaceOwner, profileQuotaRequests,
];
