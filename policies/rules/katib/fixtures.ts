// Plain manifests for the Katib rules' tests: a valid experiment, changed per test.
import { Manifest } from '../../../manifest';

const JOB = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  spec: {
    backoffLimit: 0,
    template: {
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'training-container', image: 'ghcr.io/example/train:1.0.0', command: ['python', 'train.py', '--lr=${trialParameters.lr}'] }],
      },
    },
  },
};

/** A valid random-search experiment over `lr` with a batch Job trial; `spec` replaces top-level spec fields. */
export function experiment(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Manifest {
  return {
    apiVersion: 'kubeflow.org/v1beta1',
    kind: 'Experiment',
    metadata: { name: 'tune', namespace: 'team', ...metadata },
    spec: {
      objective: { type: 'maximize', objectiveMetricName: 'accuracy' },
      algorithm: { algorithmName: 'random' },
      parallelTrialCount: 3,
      maxTrialCount: 12,
      parameters: [double('lr', '0.001', '0.1')],
      trialTemplate: {
        primaryContainerName: 'training-container',
        trialParameters: [{ name: 'lr', reference: 'lr' }],
        trialSpec: JOB,
      },
      ...spec,
    },
  };
}

/** The trial template of `experiment()` with some fields replaced. */
export function trialTemplate(fields: Record<string, unknown>): Record<string, unknown> {
  return { ...(experiment().spec as any).trialTemplate, ...fields };
}

/** A batch Job trial whose container runs `args` (placeholders included). */
export function job(args: string[], containerName = 'training-container'): Record<string, unknown> {
  return { ...JOB, spec: { ...JOB.spec, template: { spec: { ...JOB.spec.template.spec, containers: [{ name: containerName, image: 'ghcr.io/example/train:1.0.0', args }] } } } };
}

/** A template using each name as `--<name>=${trialParameters.<name>}`, and the trial parameters for them. */
export function using(...names: string[]): Record<string, unknown> {
  return trialTemplate({ trialParameters: names.map((n) => ({ name: n, reference: n })), trialSpec: job(names.map((n) => `--${n}=\${trialParameters.${n}}`)) });
}

export function double(name: string, min: string, max: string, more: Record<string, string> = {}): Record<string, unknown> {
  return { name, parameterType: 'double', feasibleSpace: { min, max, ...more } };
}

export function int(name: string, min: string, max: string, more: Record<string, string> = {}): Record<string, unknown> {
  return { name, parameterType: 'int', feasibleSpace: { min, max, ...more } };
}

export function categorical(name: string, list: string[]): Record<string, unknown> {
  return { name, parameterType: 'categorical', feasibleSpace: { list } };
}

/** `algorithm: { algorithmName, algorithmSettings }` from a settings record. */
export function algorithm(name: string, settings: Record<string, string> = {}): Record<string, unknown> {
  const list = Object.entries(settings).map(([n, value]) => ({ name: n, value }));
  return { algorithmName: name, ...(list.length ? { algorithmSettings: list } : {}) };
}
