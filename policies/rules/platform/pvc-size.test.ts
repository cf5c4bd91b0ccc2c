import { Manifest } from '../../../manifest';
import { deployment, goodContainer, platformFindings } from './testing';

const pvc = (storage: string): Manifest => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'team' }, spec: { resources: { requests: { storage } } } });
const findings = (params: Record<string, unknown>, ...objects: Manifest[]) => platformFindings('platform/pvc-size', params, ...objects);

describe('platform/pvc-size', () => {
  test('rejects claims over the cap: PVCs, claim templates, ephemeral volumes', () => {
    const sts: Manifest = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's', namespace: 'team' }, spec: { template: { spec: { containers: [goodContainer()] } }, volumeClaimTemplates: [{ metadata: { name: 'scratch' }, spec: { resources: { requests: { storage: '2Ti' } } } }] } };
    const ephemeral = deployment('web', [goodContainer()], { template: { spec: { containers: [goodContainer()], volumes: [{ name: 'tmp', ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '5Ti' } } } } } }] } } });
    expect(findings({}, pvc('10Ti'), sts, ephemeral).map((f) => [f.path, f.message])).toEqual([
      ['.spec.resources.requests.storage', 'the claim requests 10Ti of storage, more than the 1Ti one claim may have'],
      ['.spec.volumeClaimTemplates[0].spec.resources.requests.storage', 'claim template "scratch" requests 2Ti of storage, more than the 1Ti one claim may have'],
      ['.spec.template.spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources.requests.storage', 'ephemeral volume "tmp" (pod) requests 5Ti of storage, more than the 1Ti one claim may have'],
    ]);
  });

  test('accepts claims up to the cap, which is a parameter', () => {
    expect(findings({}, pvc('1Ti'), pvc('100Gi'))).toEqual([]);
    expect(findings({ max: '50Gi' }, pvc('100Gi'))).toHaveLength(1);
    // A cap that is not a size is a configuration error, and the rule does not run.
    expect(findings({ max: 'lots' }, pvc('1Gi')).map((f) => [f.rule, f.message])).toEqual([['policy/invalid-parameter', 'max "lots" is not a positive quantity such as "500Gi" or "1Ti"']]);
    expect(findings({ max: '-1' }, pvc('1Gi')).map((f) => f.rule)).toEqual(['policy/invalid-parameter']);
  });
});
