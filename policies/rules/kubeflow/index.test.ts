import { enabledByDefault } from '../rule';
import { kubeflowRules } from './index';

test('the kubeflow rules are on by default, each naming the upstream code it mirrors', () => {
  for (const rule of kubeflowRules) {
    expect(rule.id).toMatch(/^kubeflow\/[a-z-]+$/);
    expect(['admission', 'runtime']).toContain(rule.category);
    expect(enabledByDefault(rule)).toBe(true);
    expect(rule.source).toMatch(/^(kubeflow\/(dashboard|notebooks)|kubernetes\/kubernetes) /);
    expect(rule.why.length).toBeGreaterThan(40);
  }
  expect(new Set(kubeflowRules.map((r) => r.id)).size).toBe(kubeflowRules.length);
});
