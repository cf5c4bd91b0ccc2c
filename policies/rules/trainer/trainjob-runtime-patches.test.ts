import { ruleFindings } from '../../../test/policy';
import { trainJob } from '../../../test/training-manifests';

const patch = (manager: string, containers: unknown[] = []) => ({ manager, trainingRuntimeSpec: { template: { spec: { replicatedJobs: [{ name: 'node', template: { spec: { template: { spec: { containers } } } } }] } } } });

describe('trainer/trainjob-runtime-patches', () => {
  test('rejects a manager that is no domain-prefixed path, and env on the trainer\'s containers', () => {
    const findings = ruleFindings('trainer/trainjob-runtime-patches', trainJob({ runtimePatches: [patch('tuner'), patch('Example.com/tuner', [{ name: 'node', env: [{ name: 'A', value: '1' }] }])] }));
    expect(findings.map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.runtimePatches[0].manager: "tuner" is not a domain-prefixed path such as "example.com/tuner"',
      '.spec.runtimePatches[1].manager: "Example.com/tuner" has "Example.com" as its domain, which is not a DNS-1123 subdomain',
      '.spec.runtimePatches[1].trainingRuntimeSpec.template.spec.replicatedJobs[0].template.spec.template.spec.containers[0].env: sets env on the "node" container, which the trainer configures itself',
    ]);
    expect(findings[2].fix).toBe('set the variables in spec.trainer.env');
  });

  test('accepts a domain-prefixed manager patching other fields and containers', () => {
    expect(ruleFindings('trainer/trainjob-runtime-patches', trainJob({ runtimePatches: [patch('kueue.x-k8s.io/multikueue', [{ name: 'node', resources: {} }, { name: 'sidecar', env: [{ name: 'A', value: '1' }] }])] }))).toEqual([]);
  });
});
