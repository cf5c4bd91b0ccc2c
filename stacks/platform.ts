import { Cpu, EnvValue, Gpu, Notebook, NotebookImage, PodDefault, protectNamespaces, Size, Stack, StackProps, Tenant, TenantRole, Workspace } from 'cdk8s-kubeflow';
import { Construct } from 'constructs';
import { addFeatures } from './features';
import { addPipelines } from './pipelines';
import { addServing } from './serving';
import { addTraining } from './training';
import { addTuning } from './tuning';

export interface PlatformStackProps extends StackProps {
  /** GPUs the research team may use in total. */
  readonly researchGpus: number;
  /** Node label of the GPU node pool. @default 'nvidia.com/gpu.present' = 'true' (NVIDIA GPU operator's label) */
  readonly gpuNodeSelector?: Record<string, string>;
  /** Pods serving the research team's feature store. @default 1 */
  readonly featureServers?: number;
}

/** The ML platform of one environment: two teams, their shared configuration, notebooks and feature store. */
export class PlatformStack extends Stack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    // Argo CD must never prune or delete a tenant's namespace (with everything in it).
    protectNamespaces(this);

    const research = new Tenant(this, 'Research', {
      name: 'ml-research',
      owner: 'alice@example.com',
      quota: { cpu: Cpu.units(64), memory: Size.gibibytes(256), gpu: Gpu.nvidia(props.researchGpus), storage: Size.tebibytes(2), persistentVolumeClaims: 40 },
      contributors: [{ email: 'bob@example.com' }, { email: 'carol@example.com', role: TenantRole.VIEW }],
      // For containers that controllers create without requests (the Feast operator's init containers).
      containerDefaults: { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) } },
    });
    const analytics = new Tenant(this, 'Analytics', {
      name: 'analytics',
      owner: 'dana@example.com',
      quota: { cpu: Cpu.units(16), memory: Size.gibibytes(64), gpu: Gpu.nvidia(0), storage: Size.gibibytes(500) },
    });

    const datasets = new PodDefault(this, 'DatasetAccess', {
      tenant: research,
      name: 'access-datasets',
      description: 'Read access to the datasets bucket',
      env: {
        AWS_ACCESS_KEY_ID: EnvValue.fromSecret('datasets-s3', 'access-key-id'),
        AWS_SECRET_ACCESS_KEY: EnvValue.fromSecret('datasets-s3', 'secret-access-key'),
        AWS_ENDPOINT_URL: 'https://s3.example.com',
      },
    });

    const explore = new Notebook(this, 'Explore', {
      tenant: research,
      podDefaults: [datasets],
      dataVolumes: [{ claimName: 'shared-datasets', mountPath: '/data', readOnly: true }],
    });
    new Notebook(this, 'GpuLab', {
      tenant: research,
      name: 'gpu-lab',
      image: NotebookImage.jupyter('pytorch-cuda-full'),
      resources: {
        cpu: { request: Cpu.units(4), limit: Cpu.units(8) },
        memory: { request: Size.gibibytes(32), limit: Size.gibibytes(32) },
        gpu: Gpu.nvidia(1),
      },
      workspace: Workspace.newVolume({ size: Size.gibibytes(100), storageClass: 'fast-ssd' }),
      podDefaults: [datasets],
      pod: { nodeSelector: props.gpuNodeSelector ?? { 'nvidia.com/gpu.present': 'true' } },
    });
    new Notebook(this, 'Reports', {
      tenant: analytics,
      image: NotebookImage.rstudio(),
      resources: { cpu: { request: Cpu.units(1), limit: Cpu.units(2) }, memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } },
    });

    const training = addTraining(this, research, { gpuNodeSelector: props.gpuNodeSelector });
    addFeatures(this, research, [explore, training], { replicas: props.featureServers });
    addTuning(this, research, { gpuNodeSelector: props.gpuNodeSelector });
    addServing(this, research);
    addPipelines(this, research);
  }
}
