import { runPolicies } from '../engine';
import { enabledByDefault } from '../rule';
import { deployment, platformFindings } from './testing';
import { platformRules } from './index';

describe('platform rules', () => {
  test('are platform policies, off until configured (but the GitOps TTL warning, for synth\'s Argo CD output), documented', () => {
    for (const rule of platformRules) {
      expect(rule.id).toMatch(/^platform\/[a-z-]+$/);
      const expected = rule.id === 'platform/ttl-gitops' ? ['runtime', true] : ['platform', false];
      expect([rule.category, enabledByDefault(rule)]).toEqual(expected);
      expect(rule.summary.length).toBeGreaterThan(40);
      expect(rule.why.length).toBeGreaterThan(40);
    }
    expect(new Set(platformRules.map((r) => r.id)).size).toBe(platformRules.length);
  });

  test('report nothing when not configured, and everything when turned on', () => {
    const bad = deployment('web', [{ name: 'web', image: 'nginx' }]);
    expect(runPolicies([{ object: bad }], { rules: platformRules.filter((r) => r.category === 'platform') }).findings).toEqual([]);
    expect(platformFindings('platform/image-pinned', {}, bad).map((f) => f.rule)).toEqual(['platform/image-pinned']);
  });

  test('a parameter a rule does not take is a configuration error, not silently ignored', () => {
    const { findings } = runPolicies([], { rules: platformRules, config: { rules: { 'platform/image-pinned': { params: { requireDigests: true } } } } });
    expect(findings.map((f) => [f.rule, f.message])).toEqual([['policy/unknown-parameter', 'rule platform/image-pinned has no parameter "requireDigests"']]);
  });
});
