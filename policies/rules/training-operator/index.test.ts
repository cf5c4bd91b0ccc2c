import { trainerRules } from '../trainer';
import { trainingOperatorRules } from '.';

// Both folders' rules: ids in their domain, each once, with the upstream they mirror.
describe.each([
  ['training-operator', trainingOperatorRules, 'kubeflow.org'],
  ['trainer', trainerRules, 'trainer.kubeflow.org'],
])('%s rules', (domain, rules, group) => {
  test('have unique ids of the domain, an upstream source and kinds of its group', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.id.startsWith(`${domain}/`)).toBe(true);
      expect(r.source).toMatch(/^(kubeflow\/(training-operator v1\.9\.4|trainer v2\.3\.0)|tensorflow) /);
      expect(r.appliesTo.every((k) => k.group === group)).toBe(true);
      expect(r.category === 'admission' || r.category === 'runtime').toBe(true);
    }
  });
});
