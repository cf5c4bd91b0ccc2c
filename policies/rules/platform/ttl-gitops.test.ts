import { Manifest } from '../../../manifest';
import { platformFindings } from './testing';

const job = (spec: Record<string, unknown>, annotations?: Record<string, string>): Manifest => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team', annotations }, spec });
const pytorchJob = (runPolicy: Record<string, unknown>): Manifest => ({ apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'p', namespace: 'team' }, spec: { runPolicy, pytorchReplicaSpecs: {} } });
const findings = (params: Record<string, unknown>, ...objects: Manifest[]) => platformFindings('platform/ttl-gitops', params, ...objects);

describe('platform/ttl-gitops', () => {
  test('warns about a TTL on a Job or a training job that Argo CD syncs', () => {
    expect(findings({}, job({ ttlSecondsAfterFinished: 3600 }), pytorchJob({ ttlSecondsAfterFinished: 0 })).map((f) => [f.severity, f.path, f.message])).toEqual([
      ['warning', '.spec.ttlSecondsAfterFinished', 'the job is deleted 1 hour after it finishes; Argo CD then sees it missing and, with auto-sync, creates it again, so it runs again'],
      ['warning', '.spec.runPolicy.ttlSecondsAfterFinished', 'the job is deleted immediately after it finishes; Argo CD then sees it missing and, with auto-sync, creates it again, so it runs again'],
    ]);
  });

  test('accepts jobs without a TTL, and Argo CD hooks (Argo CD deletes those itself)', () => {
    expect(findings({}, job({}), pytorchJob({ cleanPodPolicy: 'All' }), job({ ttlSecondsAfterFinished: 60 }, { 'argocd.argoproj.io/hook': 'PostSync' }))).toEqual([]);
  });

  test('with gitOps false, only objects carrying Argo CD\'s tracking annotation', () => {
    const tracked = job({ ttlSecondsAfterFinished: 90 }, { 'argocd.argoproj.io/tracking-id': 'app:batch/Job:team/j' });
    expect(findings({ gitOps: false }, job({ ttlSecondsAfterFinished: 90 }))).toEqual([]);
    expect(findings({ gitOps: false }, tracked).map((f) => f.message)).toEqual([expect.stringContaining('deleted 90 seconds after it finishes')]);
  });
});
