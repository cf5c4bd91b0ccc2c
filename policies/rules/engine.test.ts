import { ANNOTATIONS, Manifest } from '../../manifest';
import { runPolicies } from './engine';
import { Rule, RuleContext } from './rule';

// A fake rule (unit test): flags every ConfigMap whose data has `bad`.
const noBad: Rule<{ key: string }> = {
  id: 'platform/no-bad', category: 'admission', severity: 'error',
  appliesTo: [{ group: '', kind: 'ConfigMap' }],
  summary: 'no bad key', why: 'test', defaults: { key: 'bad' },
  *check(object, ctx) {
    if ((object.data as Record<string, string> | undefined)?.[ctx.params.key] !== undefined) {
      yield { path: `.data.${ctx.params.key}`, message: `has ${ctx.params.key}`, fix: 'remove it' };
    }
  },
};
const rules = [noBad as Rule<object>];

function configMap(name: string, data: Record<string, string>, waivers?: unknown): Manifest {
  const annotations = waivers === undefined ? undefined : { [ANNOTATIONS.waivers]: typeof waivers === 'string' ? waivers : JSON.stringify(waivers) };
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ml', annotations }, data };
}

const run = (objects: Manifest[], today = '2026-11-30', config = {}) =>
  runPolicies(objects.map((object, i) => ({ file: `f${i}.yaml`, object, line: 3 })), { rules, config, today });

describe('runPolicies', () => {
  test('reports a violation with file, line, object, path, message, fix and the rule\'s severity', () => {
    const { findings } = run([configMap('a', { bad: '1' }), configMap('b', {})]);
    expect(findings).toEqual([{ severity: 'error', rule: 'platform/no-bad', file: 'f0.yaml', line: 3, construct: undefined, resource: 'v1 ConfigMap ml/a', path: '.data.bad', message: 'has bad', fix: 'remove it' }]);
  });

  test('only looks at the kinds a rule applies to', () => {
    const secret: Manifest = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { bad: 'x' } };
    expect(run([secret]).findings).toEqual([]);
  });

  test('configuration turns a rule off, changes its severity, and sets its parameters', () => {
    expect(run([configMap('a', { bad: '1' })], undefined, { rules: { 'platform/no-bad': 'off' } }).findings).toEqual([]);
    expect(run([configMap('a', { bad: '1' })], undefined, { rules: { 'platform/no-bad': 'warning' } }).findings[0].severity).toBe('warning');
    const worse = run([configMap('a', { bad: '1', worse: '2' })], undefined, { rules: { 'platform/no-bad': { params: { key: 'worse' } } } });
    expect(worse.findings.map((f) => f.path)).toEqual(['.data.worse']);
  });

  test('a waiver holds back its rule\'s findings until it expires, and lists them', () => {
    const waiver = { rule: 'platform/no-bad', reason: 'migrating', expires: '2026-12-31' };
    const report = run([configMap('a', { bad: '1' }, [waiver])]);
    expect(report.findings).toEqual([]);
    expect(report.waived).toEqual([{ finding: expect.objectContaining({ rule: 'platform/no-bad', resource: 'v1 ConfigMap ml/a' }), waiver }]);
    // The last day holds; the day after, the waiver is an error and the finding is back.
    expect(run([configMap('a', { bad: '1' }, [waiver])], '2026-12-31').findings).toEqual([]);
    const expired = run([configMap('a', { bad: '1' }, [waiver])], '2027-01-01').findings;
    expect(expired.map((f) => f.rule)).toEqual(['policy/waiver-expired', 'platform/no-bad']);
    expect(expired[0].message).toBe('the waiver of platform/no-bad expired on 2026-12-31 ("migrating")');
  });

  test('a waiver of another rule does not hide this one', () => {
    const findings = run([configMap('a', { bad: '1' }, { rule: 'platform/no-bad-at-all', reason: 'x', expires: '2027-01-01' })]).findings;
    expect(findings.map((f) => [f.rule, f.message])).toEqual([
      ['policy/waiver-invalid', 'waives "platform/no-bad-at-all", which is not a rule'],
      ['platform/no-bad', 'has bad'],
    ]);
  });

  test.each([
    ['not JSON', '[{rule:', /^the waivers annotation is not JSON \(.*\), so nothing is waived$/],
    ['no rule', [{ reason: 'x', expires: '2027-01-01' }], /^the waiver names no rule/],
    ['no reason', [{ rule: 'platform/no-bad', expires: '2027-01-01' }], /^the waiver of platform\/no-bad gives no reason/],
    ['a blank reason', [{ rule: 'platform/no-bad', reason: ' ', expires: '2027-01-01' }], /^the waiver of platform\/no-bad gives no reason/],
    ['no expiry', [{ rule: 'platform/no-bad', reason: 'x' }], /^the waiver of platform\/no-bad has no expiry date/],
    ['an impossible date', [{ rule: 'platform/no-bad', reason: 'x', expires: '2027-02-30' }], /^the waiver of platform\/no-bad expires on "2027-02-30", which is not a date YYYY-MM-DD/],
    ['a date with time', [{ rule: 'platform/no-bad', reason: 'x', expires: '2027-02-01T00:00:00Z' }], /which is not a date/],
    ['the second of two', [{ rule: 'platform/no-bad', reason: 'x', expires: '2027-01-01' }, 7], /^waiver 2 is 7, not/],
  ])('an unreadable waivers annotation (%s) is an error saying what is wrong, and waives nothing', (_what, waivers, message) => {
    const findings = run([configMap('a', { bad: '1' }, waivers)]).findings;
    expect(findings.map((f) => f.rule)).toEqual(['policy/waiver-invalid', 'platform/no-bad']);
    expect(findings[0].message).toMatch(message);
    expect(findings[0].path).toBe('.metadata.annotations["cdk8s-kubeflow.io/waivers"]');
  });

  test('rules that check templates also check a Katib trial\'s job, at its path in the experiment', () => {
    const experiment = (data: Record<string, string>): Manifest => ({
      apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'tune', namespace: 'ml' },
      spec: { trialTemplate: { trialSpec: { apiVersion: 'v1', kind: 'ConfigMap', data } } },
    });
    const seen: (string | undefined)[] = [];
    const inTemplates = { ...noBad, checksTemplates: true, *check(o: Manifest, ctx: { params: { key: string } }) {
      seen.push(o.metadata?.namespace);
      yield* noBad.check(o, ctx as never);
    } } as unknown as Rule<object>;
    const report = runPolicies([{ file: 'e.yaml', object: experiment({ bad: '1' }) }], { rules: [inTemplates] });
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'platform/no-bad', resource: 'kubeflow.org/v1beta1 Experiment ml/tune', path: '.spec.trialTemplate.trialSpec.data.bad' })]);
    // Katib creates the trial job in the experiment's namespace.
    expect(seen).toEqual(['ml']);
    expect(runPolicies([{ object: experiment({ bad: '1' }) }], { rules }).findings).toEqual([]);
    expect(runPolicies([{ object: experiment({}) }], { rules: [inTemplates] }).findings).toEqual([]);
  });

  test('a rule that throws is one error on that object, and the other rules and objects are checked', () => {
    const broken = { ...noBad, id: 'platform/broken', check() { throw new TypeError('x.map is not a function'); } } as unknown as Rule<object>;
    const { findings } = runPolicies([{ file: 'a.yaml', object: configMap('a', { bad: '1' }) }], { rules: [broken, noBad as Rule<object>] });
    expect(findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
      ['platform/broken', 'error', 'the rule failed on this object (x.map is not a function), so it is not checked'],
      ['platform/no-bad', 'error', 'has bad'],
    ]);
  });

  test('a rule sees the other objects of the set, by kind and namespace', () => {
    const seen: number[] = [];
    const counting: Rule<object> = { ...noBad, id: 'platform/count', defaults: undefined, *check(_o, ctx) {
      seen.push(ctx.objectsOf('', 'ConfigMap', 'ml').length, ctx.objectsOf('', 'ConfigMap', 'other').length, ctx.objects.length);
    } } as Rule<object>;
    runPolicies([{ object: configMap('a', {}) }, { object: configMap('b', {}) }], { rules: [counting] });
    expect(seen).toEqual([2, 0, 2, 2, 0, 2]);
  });

  test('a rule finds an object by name, a namespace\'s objects, and computes an index once per run', () => {
    const found: unknown[] = [];
    let computed = 0;
    const looking = { ...noBad, id: 'platform/look', defaults: undefined, *check(o: Manifest, ctx: RuleContext<object>) {
      found.push([
        o.metadata?.name,
        ctx.objectNamed('', 'ConfigMap', 'b', 'ml')?.object.metadata?.name,
        ctx.objectNamed('', 'ConfigMap', 'b', 'other'),
        ctx.objectNamed('', 'Namespace', 'ml')?.object.kind,
        ctx.objectsIn('ml').map((s) => s.object.metadata?.name),
        ctx.memo('k', () => ++computed),
      ]);
    } } as unknown as Rule<object>;
    const ns: Manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ml' } };
    runPolicies([{ object: configMap('a', {}) }, { object: configMap('b', {}) }, { object: ns }], { rules: [looking] });
    expect(found).toEqual([['a', 'b', undefined, 'Namespace', ['a', 'b'], 1], ['b', 'b', undefined, 'Namespace', ['a', 'b'], 1]]);
  });
});
