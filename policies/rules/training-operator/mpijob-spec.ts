import { asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { containersOf, containersPath, JOB_KINDS, jobKinds, replicasOf, specOf } from './jobs';
import { oneOf } from './wording';

const TYPES = JOB_KINDS.MPIJob.replicaTypes!;

export const mpiJobSpecRule: Rule = {
  id: 'training-operator/mpijob-spec',
  category: 'runtime',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('MPIJob'),
  summary: 'An MPIJob has a Launcher of one replica and optionally Workers (no other replica types), and every container of theirs has a name and an image.',
  why: 'The operator runs no admission webhook for MPIJob: its controller checks the spec on every reconcile and, when it fails, records a FailedValidation event and never creates a pod, so the job stays without status.',
  source: 'kubeflow/training-operator v1.9.4 pkg/apis/kubeflow.org/v1/mpi_validation.go ValidateV1MpiJobSpec, called by pkg/controller.v1/mpi/mpijob_controller.go Reconcile',
  *check(job) {
    const replicas = replicasOf(job);
    const specsField = JOB_KINDS.MPIJob.specsField;
    if (specOf(job)[specsField] !== undefined && !replicas.some((r) => r.type === 'Launcher')) {
      yield { path: path('spec', specsField), message: 'has no Launcher: an MPIJob needs one (it runs mpirun)', fix: 'add a Launcher replica spec with replicas: 1' };
    }
    for (const r of replicas) {
      if (!TYPES.includes(r.type)) {
        const same = TYPES.find((t) => t.toLowerCase() === r.type.toLowerCase());
        yield { path: path(...r.at), message: `replica type "${r.type}" is not one of MPIJob's: ${oneOf(TYPES, 'and')}`, fix: same ? `spell it "${same}" (replica types are case-sensitive)` : `use ${oneOf(TYPES)}, or remove it` };
      }
      if (r.type === 'Launcher' && r.spec.replicas !== undefined && r.spec.replicas !== 1) {
        yield { path: path(...r.at, 'replicas'), message: `must be 1, got ${JSON.stringify(r.spec.replicas)}: the operator runs exactly one Launcher`, fix: 'set replicas: 1 (or leave it out), and add capacity through the workers' };
      }
      const containers = containersOf(r);
      if (containers.length === 0) yield { path: containersPath(r), message: `${r.type} has no containers`, fix: 'add the container that runs the replica, e.g. named "mpi"' };
      for (const [i, c] of containers.entries()) {
        const name = asString(asObject(c)?.name);
        if (!name) yield { path: containersPath(r, i, 'name'), message: `container ${i} of ${r.type} has no name`, fix: 'name the container, e.g. "mpi"' };
        if (!asString(asObject(c)?.image)) yield { path: containersPath(r, i, 'image'), message: `container ${name ? `"${name}"` : i} of ${r.type} has no image`, fix: 'set the image the replica runs' };
      }
    }
  },
};
