// The workload of bench/synth.ts: PyTorchJobs (a master and three workers, GPUs, env, a data
// volume), BENCH_OBJECTS of them in stacks of BENCH_PER_STACK, one namespace per stack;
// BENCH_ARGOCD=1 delivers the stacks with Argo CD (sync waves, projects, Applications).
// `buildApp()` is what our CLI synthesizes; running this module (`node lib/bench/synth-app.js
// <outdir>`) is stock cdk8s's `app.synth()` on the same construct tree.
import { App } from 'cdk8s';
import { ArgoCdDelivery, Cpu, Gpu, PyTorchJob, Size, Stack, Volume } from '../constructs';

export function buildApp(outdir?: string): App {
  const objects = Number(process.env.BENCH_OBJECTS ?? 1000);
  const perStack = Number(process.env.BENCH_PER_STACK ?? 50);
  const app = new App(outdir ? { outdir } : {});
  const data = Volume.fromPersistentVolumeClaim('datasets', { readOnly: true });
  let stack: Stack | undefined;
  for (let i = 0; i < objects; i++) {
    if (i % perStack === 0) {
      const s = i / perStack;
      stack = new Stack(app, `team-${s}`, { namespace: `team-${s}` });
    }
    const role = { image: 'ghcr.io/example/train:1.4.0', command: ['torchrun', 'train.py', `--run=${i}`], resources: { cpu: { request: Cpu.units(8) }, memory: { request: Size.gibibytes(32) }, gpu: Gpu.nvidia(4) } };
    new PyTorchJob(stack!, `job-${i}`, {
      master: role,
      worker: { ...role, replicas: 3 },
      env: { EPOCHS: '10', DATASET: `/data/set-${i % 7}` },
      mounts: [{ volume: data, path: '/data', readOnly: true }],
    });
  }
  if (process.env.BENCH_ARGOCD === '1') new ArgoCdDelivery(app, 'gitops', { repoURL: 'https://git.example.com/platform.git' });
  return app;
}

if (require.main === module) buildApp(process.argv[2]).synth();
