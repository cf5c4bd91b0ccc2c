import { activeRules } from './config';
import { Rule } from './rule';

const rule = (id: string, category: Rule['category'], defaults?: Record<string, unknown>): Rule<object> =>
  ({ id, category, severity: 'error', appliesTo: [], summary: '', why: '', defaults, check: () => [] }) as unknown as Rule<object>;
const RULES = [
  rule('kserve/one', 'admission'),
  rule('platform/labels', 'platform', { labels: ['team'], strict: false }),
];
const ids = (config = {}) => activeRules(RULES, config).active.map((a) => `${a.rule.id}:${a.severity}`);

describe('activeRules', () => {
  test('admission, CEL and runtime rules are on by default; platform policies off until configured', () => {
    expect(ids()).toEqual(['kserve/one:error']);
    expect(ids({ rules: { 'platform/labels': 'warning' } })).toEqual(['kserve/one:error', 'platform/labels:warning']);
    expect(ids({ rules: { 'platform/labels': { params: { labels: ['team', 'cost-centre'] } } } })).toEqual(['kserve/one:error', 'platform/labels:error']);
    expect(ids({ rules: { 'kserve/one': 'off' } })).toEqual([]);
    expect(ids({ rules: { 'kserve/one': { severity: 'off' } } })).toEqual([]);
  });

  test('parameters override the defaults, one by one', () => {
    const [, labels] = activeRules(RULES, { rules: { 'platform/labels': { params: { strict: true } } } }).active;
    expect(labels.params).toEqual({ labels: ['team'], strict: true });
  });

  test('an unknown rule is an error naming the near misses, never silently ignored', () => {
    const { findings } = activeRules(RULES, { rules: { 'platform/lables': 'error', 'labels': 'error', 'platform/images': 'error' } }, 'policies.yaml');
    expect(findings.map((f) => [f.rule, f.resource, f.path, f.message, f.fix])).toEqual([
      ['policy/unknown-rule', 'policies.yaml', '.rules["platform/lables"]', 'there is no rule "platform/lables"', 'did you mean "platform/labels"?'],
      ['policy/unknown-rule', 'policies.yaml', '.rules["labels"]', 'there is no rule "labels"', 'did you mean "platform/labels"?'],
      ['policy/unknown-rule', 'policies.yaml', '.rules["platform/images"]', 'there is no rule "platform/images"', 'see the rule table in the README'],
    ]);
  });

  test('an unknown or mistyped parameter is an error, and the rule does not run', () => {
    const { findings, active } = activeRules(RULES, { rules: {
      'platform/labels': { params: { label: ['x'], labels: 'team', colour: 'red' } },
      'kserve/one': { params: { x: 1 } },
    } });
    expect(findings.map((f) => [f.rule, f.path, f.message])).toEqual([
      ['policy/unknown-parameter', '.rules["kserve/one"].params.x', 'rule kserve/one has no parameter "x"'],
      ['policy/unknown-parameter', '.rules["platform/labels"].params.label', 'rule platform/labels has no parameter "label"'],
      ['policy/invalid-parameter', '.rules["platform/labels"].params.labels', 'is "team", not a list'],
      ['policy/unknown-parameter', '.rules["platform/labels"].params.colour', 'rule platform/labels has no parameter "colour"'],
    ]);
    expect(findings.map((f) => f.fix)).toEqual([
      'this rule takes no parameters',
      'did you mean "labels"? (its parameters: labels, strict)',
      'give a value like the default, ["team"]',
      'its parameters are labels, strict',
    ]);
    expect(active).toEqual([]);
  });

  test('list items keep the type of the default\'s; checkParams vets values beyond their type', () => {
    const withCheck = { ...RULES[1], checkParams: (p: { labels: string[] }) => p.labels.filter((l) => l.includes(' ')).map((l) => `label "${l}" has a space`) } as unknown as Rule<object>;
    const mixed = activeRules([withCheck], { rules: { 'platform/labels': { params: { labels: ['team', 2] } } } });
    expect(mixed.findings.map((f) => [f.rule, f.path, f.message])).toEqual([['policy/invalid-parameter', '.rules["platform/labels"].params.labels', 'holds 2, not a string']]);
    const spaced = activeRules([withCheck], { rules: { 'platform/labels': { params: { labels: ['cost centre'] } } } });
    expect(spaced.findings.map((f) => [f.rule, f.path, f.message])).toEqual([['policy/invalid-parameter', '.rules["platform/labels"].params', 'label "cost centre" has a space']]);
    expect([mixed.active, spaced.active]).toEqual([[], []]);
    expect(activeRules([withCheck], { rules: { 'platform/labels': { params: { labels: ['team'] } } } }).active).toHaveLength(1);
  });
});
