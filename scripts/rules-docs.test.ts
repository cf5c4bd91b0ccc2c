import * as fs from 'fs';
import { RULES } from '../policies/rules';
import { readmeWithRules, README, reference, REFERENCE } from './rules-docs';

// The rule tables are generated from the rules' metadata; run `npm run rules-docs` when this fails.
test('README.md lists every rule, as generated', () => {
  const readme = fs.readFileSync(README, 'utf8');
  expect(readme).toBe(readmeWithRules(readme));
  for (const rule of RULES) expect(readme).toContain(`[\`${rule.id}\`]`);
});

test('docs/rules.md documents every rule, as generated', () => {
  expect(fs.readFileSync(REFERENCE, 'utf8')).toBe(reference());
});

test('every rule says what, why and (but for platform policies) which upstream code it mirrors', () => {
  for (const rule of RULES) {
    expect({ id: rule.id, summary: rule.summary.length > 30, why: rule.why.length > 30 }).toEqual({ id: rule.id, summary: true, why: true });
    if (rule.category === 'admission') expect({ id: rule.id, source: rule.source }).toEqual({ id: rule.id, source: expect.stringMatching(/\//) });
  }
  expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
});
