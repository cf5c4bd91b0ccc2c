/** A realistic stack for engine tests: a PyTorchJob, an Experiment, an InferenceService, a ConfigMap, as synth stamps them. Test helper only. */
import { Manifest } from '../manifest';
import { synthesized } from './fakes';
import { fixture } from './testdata';

const withoutStatus = (o: Manifest): Manifest => {
  const { status: _status, ...rest } = o as Manifest & { status?: unknown };
  const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, managedFields: _mf, ...metadata } = rest.metadata ?? {};
  return { ...rest, metadata } as Manifest;
};

/** What synth writes (no status), and what the operators have written into each object's status. */
export function scenario() {
  const job = fixture('pytorchjob-running.yaml');
  const experiment = fixture('experiment-running.yaml');
  const isvc = fixture('health:serving.kserve.io/InferenceService/testdata/progressing-canary.yaml');
  const config: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team-a' }, data: { a: 'b' } };
  const desired = [job, experiment, isvc, config].map((o) => synthesized(withoutStatus(o)));
  const statuses = [job.status, experiment.status, isvc.status, undefined];
  const live = desired.map((o, i) => (statuses[i] === undefined ? o : { ...o, metadata: { ...o.metadata, uid: `uid-${i}` }, status: statuses[i] }));
  return { desired, live, job: live[0], experiment: live[1], isvc: live[2], config: live[3] };
}
