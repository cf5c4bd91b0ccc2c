import { Manifest } from '../../../manifest';
import { deployment, goodContainer, platformFindings } from './testing';

const findings = (params: Record<string, unknown>, ...objects: Manifest[]) => platformFindings('platform/required-labels', params, ...objects);

describe('platform/required-labels', () => {
  test('rejects workloads, claims and tenants without the labels', () => {
    const pvc: Manifest = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'team', labels: { team: 'ml' } } };
    const profile: Manifest = { apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'team' }, spec: {} };
    expect(findings({}, deployment('web', [goodContainer()]), pvc, profile).map((f) => [f.resource, f.path, f.message])).toEqual([
      ['apps/v1 Deployment team/web', '.metadata.labels', 'has no "team", "cost-centre" labels'],
      ['v1 PersistentVolumeClaim team/data', '.metadata.labels', 'has no "cost-centre" label'],
      ['kubeflow.org/v1 Profile team', '.metadata.labels', 'has no "team", "cost-centre" labels'],
    ]);
  });

  test('accepts labelled objects, and leaves configuration and templates alone', () => {
    const labelled = deployment('web', [goodContainer()], {}, { labels: { team: 'ml', 'cost-centre': 'cc-42' } });
    const roleBinding: Manifest = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb', namespace: 'team' } };
    const runtime: Manifest = { apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'ClusterTrainingRuntime', metadata: { name: 'torch' }, spec: {} };
    expect(findings({}, labelled, roleBinding, runtime)).toEqual([]);
  });

  test('the labels are a parameter', () => {
    expect(findings({ labels: ['owner'] }, deployment('web', [goodContainer()], {}, { labels: { owner: 'ml' } }))).toEqual([]);
  });
});
