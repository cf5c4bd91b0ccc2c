import { Rule } from '../rule';
import { ancestorStepsRule, envInjectionTargetsRule, initializerVolumeRule } from './runtime-steps';
import { initializersRule } from './trainjob-initializers';
import { mpiLauncherAsNodeRule, trainJobProcessesFitGpusRule } from './trainjob-nodes';
import { parameterServerRule } from './trainjob-parameter-server';
import { reservedEnvRule } from './trainjob-reserved-env';
import { runtimePatchesRule } from './trainjob-runtime-patches';
import { runtimeMismatchRule, runtimeRefRule } from './trainjob-runtime-ref';

/**
 * The trainer rules: Kubeflow Trainer v2 (kubeflow/trainer v2.3.0, trainer.kubeflow.org/v1alpha1).
 * The TrainJob webhook checks a job against its runtime, which the rules see when it is among
 * the objects checked (a stack, or the files validated); otherwise they leave those checks out.
 */
export const trainerRules: readonly Rule<object>[] = [
  // Admission: pkg/webhooks/*.go and the framework plugins' Validate.
  ancestorStepsRule,
  runtimeRefRule,
  initializersRule,
  reservedEnvRule,
  runtimePatchesRule,
  mpiLauncherAsNodeRule,
  // Runtime.
  initializerVolumeRule,
  envInjectionTargetsRule,
  runtimeMismatchRule,
  trainJobProcessesFitGpusRule,
  parameterServerRule,
];
