import { Finding } from '../manifest';
import { Rule } from '../policies/rules';
import { MAX_RESULTS, toSarif } from './sarif';

const rule = {
  id: 'kserve/predictor-one-implementation', category: 'admission', severity: 'error', appliesTo: [],
  summary: 'A predictor has exactly one implementation.', why: 'KServe rejects the object.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/predictor.go', check: () => [],
} as unknown as Rule<object>;

const findings: Finding[] = [
  { severity: 'error', rule: 'kserve/predictor-one-implementation', file: 'dist/dev/ml/inferenceservice-a.yaml', line: 7, resource: 'serving.kserve.io/v1beta1 InferenceService ml/a', path: '.spec.predictor', message: 'has 2 implementations', fix: 'keep one' },
  { severity: 'warning', rule: 'schema/unknown-kind', file: '/outside/x.yaml', resource: 'x.io/v1 Thing t', path: '.', message: 'no schema' },
  { severity: 'error', rule: 'load/parse', file: '<stdin>', resource: 'document 1', path: '.', message: 'not YAML' },
];

describe('toSarif', () => {
  const log = toSarif(findings, [rule], '1.2.3', { cwd: '/repo' });
  const run = log.runs[0];

  test('is a SARIF 2.1.0 log of one run by cdk8s-kubeflow', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver).toMatchObject({ name: 'cdk8s-kubeflow', version: '1.2.3' });
    expect(run.originalUriBaseIds).toEqual({ SRCROOT: { uri: 'file:///repo/' } });
  });

  test('describes each rule that has results, from its metadata, and indexes results to them', () => {
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(['kserve/predictor-one-implementation', 'load/parse', 'schema/unknown-kind']);
    expect(rules[0]).toMatchObject({
      shortDescription: { text: 'A predictor has exactly one implementation.' },
      fullDescription: { text: 'KServe rejects the object.' },
      defaultConfiguration: { level: 'error' },
    });
    expect(rules[0].help!.text).toContain('Mirrors kserve/kserve pkg/apis/serving/v1beta1/predictor.go.');
    // Rules that are not policy rules are described by their domain.
    expect(rules[2].shortDescription!.text).toBe('schema/unknown-kind: the upstream API schema');
    for (const r of run.results!) expect(rules[r.ruleIndex!].id).toBe(r.ruleId);
  });

  test('a result per finding: level, message with the fix, file relative to the checkout, line', () => {
    // Errors first (GitHub keeps the first results of an oversized run).
    const [a, c, b] = run.results!;
    expect(a).toMatchObject({
      ruleId: 'kserve/predictor-one-implementation', level: 'error',
      message: { text: 'serving.kserve.io/v1beta1 InferenceService ml/a: .spec.predictor: has 2 implementations\nfix: keep one' },
    });
    expect(a.locations![0].physicalLocation).toEqual({ artifactLocation: { uri: 'dist/dev/ml/inferenceservice-a.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 7 } });
    expect(a.locations![0].logicalLocations).toEqual([{ fullyQualifiedName: 'serving.kserve.io/v1beta1 InferenceService ml/a .spec.predictor', kind: 'object' }]);
    expect(b.level).toBe('warning');
    expect(b.locations![0].physicalLocation).toEqual({ artifactLocation: { uri: 'file:///outside/x.yaml' } });
    // stdin has no file to point at.
    expect(c.locations![0].physicalLocation).toBeUndefined();
  });

  test('fingerprints follow the object and field, not the line, so alerts survive edits', () => {
    const moved = toSarif([{ ...findings[0], line: 70 }], [rule], '1.2.3', { cwd: '/repo' }).runs[0].results![0];
    expect(moved.partialFingerprints).toEqual(run.results![0].partialFingerprints);
    const other = toSarif([{ ...findings[0], path: '.spec.transformer' }], [rule], '1.2.3', { cwd: '/repo' }).runs[0].results![0];
    expect(other.partialFingerprints).not.toEqual(run.results![0].partialFingerprints);
  });

  test('a waived finding is a suppressed result with the waiver\'s reason and expiry', () => {
    const waiver = { rule: 'kserve/predictor-one-implementation' as const, reason: 'migrating', expires: '2027-01-31' };
    const log = toSarif([], [rule], '1.2.3', { cwd: '/repo', waived: [{ finding: findings[0], waiver }] });
    expect(log.runs[0].results).toEqual([expect.objectContaining({ ruleId: 'kserve/predictor-one-implementation', suppressions: [{ kind: 'external', justification: 'migrating (until 2027-01-31)' }] })]);
  });

  test('more results than code scanning takes: the errors are kept, and a notification says how many were left out', () => {
    const many = Array.from({ length: MAX_RESULTS + 2 }, (_, i) => ({ ...findings[i === 0 ? 0 : 1], path: `.x${i}` }));
    const big = toSarif(many, [rule], '1.2.3', { cwd: '/repo' }).runs[0];
    expect(big.results).toHaveLength(MAX_RESULTS);
    expect(big.results![0].level).toBe('error');
    expect(big.invocations![0].toolExecutionNotifications![0].message.text).toMatch(/^2 more findings left out/);
  });

  test('no findings: an empty run, which code scanning reads as "all fixed"', () => {
    expect(toSarif([], [rule], '1.2.3', { cwd: '/repo' }).runs[0]).toMatchObject({ results: [], tool: { driver: { rules: [] } } });
  });
});
