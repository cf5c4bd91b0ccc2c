import { Rule } from '../rule';
import { gpuWhole } from './gpu-whole';
import { imagePinned } from './image-pinned';
import { imageRegistry } from './image-registry';
import { pvcSize } from './pvc-size';
import { quotaFit } from './quota-fit';
import { requiredLabels } from './required-labels';
import { resourcesRequired } from './resources-required';
import { secretEnv } from './secret-env';
import { securityBaseline } from './security-baseline';
import { ttlGitOps } from './ttl-gitops';

/** The platform policies: off until a stack's `policies` (or a policy file) turns them on. */
export const platformRules: readonly Rule<object>[] = [
  resourcesRequired, gpuWhole, imagePinned, imageRegistry, securityBaseline, requiredLabels, quotaFit, ttlGitOps, secretEnv, pvcSize,
] as readonly Rule<object>[];
