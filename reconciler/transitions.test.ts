import { Manifest } from '../manifest';
import { assessInventory, lookupOf, Row } from './assess';
import { inventoryOf, slimAll } from './fakes';
import { scenario } from './scenario';
import { transitions } from './transitions';

function rowsOf(live: Manifest[]): Row[] {
  return assessInventory(inventoryOf(scenario().desired), lookupOf(slimAll(live)));
}
const replace = (list: Manifest[], from: Manifest, to: Manifest | undefined) => list.flatMap((o) => (o === from ? (to ? [to] : []) : [o]));
const summary = (events: ReturnType<typeof transitions>) => events.map((e) => [e.type, e.reason, e.note]);

describe('transitions', () => {
  const s = scenario();
  const before = rowsOf(s.live);

  test('the first assessment of a stack raises nothing, and nor does an unchanged one', () => {
    expect(transitions(undefined, before)).toEqual([]);
    expect(transitions(before, rowsOf(s.live))).toEqual([]);
  });

  test('a job that succeeds or fails: JobSucceeded / JobFailed, regarding the job (with version and uid)', () => {
    const ok = { ...s.job, status: { conditions: [{ type: 'Succeeded', status: 'True', message: 'PyTorchJob team-a/mnist successfully completed.' }] } };
    const events = transitions(before, rowsOf(replace(s.live, s.job, ok)));
    expect(summary(events)).toEqual([['Normal', 'JobSucceeded', 'PyTorchJob mnist succeeded: succeeded: PyTorchJob team-a/mnist successfully completed.']]);
    expect(events[0].regarding).toEqual({ group: 'kubeflow.org', version: 'v1', kind: 'PyTorchJob', namespace: 'team-a', name: 'mnist', uid: 'uid-0' });
    const failed = { ...s.job, status: { conditions: [{ type: 'Failed', status: 'True', message: 'Worker 1 failed' }] } };
    expect(summary(transitions(before, rowsOf(replace(s.live, s.job, failed))))).toEqual([['Warning', 'JobFailed', 'PyTorchJob mnist failed: failed: Worker 1 failed']]);
  });

  test('a new best trial: BestTrialImproved with its parameters and objective value; the experiment finishing', () => {
    const st = JSON.parse(JSON.stringify(s.experiment.status));
    st.currentOptimalTrial = { bestTrialName: 'tune-mnist-q9', parameterAssignments: [{ name: 'lr', value: '0.02' }, { name: 'batch_size', value: '32' }], observation: { metrics: [{ name: 'accuracy', max: '0.9871' }] } };
    st.trialsSucceeded = 7;
    expect(summary(transitions(before, rowsOf(replace(s.live, s.experiment, { ...s.experiment, status: st }))))).toEqual([
      ['Normal', 'BestTrialImproved', 'tune-mnist: best trial tune-mnist-q9: accuracy=0.9871 with batch_size=32, lr=0.02 (7 trial(s) succeeded)'],
    ]);
    st.conditions = [{ type: 'Succeeded', status: 'True', message: 'goal reached' }];
    const done = summary(transitions(before, rowsOf(replace(s.live, s.experiment, { ...s.experiment, status: st }))));
    expect(done.map((e) => e[1])).toEqual(['BestTrialImproved', 'ExperimentSucceeded']);
  });

  test('a model becoming ready, not ready, a canary promoted and a new one started', () => {
    const notReady = { ...s.isvc, status: { ...(s.isvc.status as object), conditions: [{ type: 'Ready', status: 'False', reason: 'RevisionFailed', message: 'bad' }] } };
    const mid = rowsOf(replace(s.live, s.isvc, notReady));
    expect(summary(transitions(before, mid))).toEqual([['Warning', 'ModelNotReady', 'iris is not ready: not ready: RevisionFailed bad']]);
    expect(summary(transitions(mid, before))).toEqual([['Normal', 'ModelReady', 'iris is ready at http://iris.team-a.example.com']]);
    const promoted = JSON.parse(JSON.stringify(s.isvc.status));
    promoted.components.predictor.traffic = [{ revisionName: 'iris-predictor-00002', percent: 100, latestRevision: true }];
    promoted.components.predictor.latestRolledoutRevision = 'iris-predictor-00002';
    const after = rowsOf(replace(s.live, s.isvc, { ...s.isvc, status: promoted }));
    expect(summary(transitions(before, after))).toEqual([['Normal', 'CanaryPromoted', 'iris: iris-predictor-00002 takes all traffic']]);
    expect(summary(transitions(after, before))).toEqual([['Normal', 'CanaryStarted', 'iris: 10% of traffic to iris-predictor-00002, the rest to iris-predictor-00001']]);
  });

  test('an object deleted, edited by hand, then restored: ObjectMissing, ObjectOutOfSync, ObjectSynced; a degraded ConfigMap-like object', () => {
    const gone = rowsOf(replace(s.live, s.config, undefined));
    expect(summary(transitions(before, gone))).toEqual([['Warning', 'ObjectMissing', 'ConfigMap settings is missing from the cluster']]);
    const edited = { ...s.config, metadata: { ...s.config.metadata, annotations: {} } };
    const drift = rowsOf(replace(s.live, s.config, edited));
    expect(summary(transitions(before, drift))[0].slice(0, 2)).toEqual(['Warning', 'ObjectOutOfSync']);
    expect(summary(transitions(drift, before))).toEqual([['Normal', 'ObjectSynced', 'ConfigMap settings is in sync with git again']]);
    expect(summary(transitions(gone, before))).toEqual([['Normal', 'ObjectSynced', 'ConfigMap settings is in sync with git again']]);
  });

  test('rows whose kind is not observed raise nothing; objects new to the inventory raise nothing', () => {
    const unobserved = before.map((r) => ({ ...r, sync: 'Missing' as const, health: 'Unknown' as const, unobserved: 'pending' as const }));
    expect(transitions(before, unobserved)).toEqual([]);
    expect(transitions(unobserved, before)).toEqual([]);
    expect(transitions(before.slice(1), before)).toEqual([]);
  });

  test('notes are cut at 1 kB (the events.k8s.io/v1 limit)', () => {
    const failed = { ...s.job, status: { conditions: [{ type: 'Failed', status: 'True', message: 'é'.repeat(2000) }] } };
    const [e] = transitions(before, rowsOf(replace(s.live, s.job, failed)));
    expect(Buffer.byteLength(e.note)).toBeLessThanOrEqual(1024);
    expect(e.note.endsWith('…')).toBe(true);
  });
});
