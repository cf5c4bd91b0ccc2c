import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { CelResult, CelValidator } from './cel-validator';
import { PROBE_CASES, PROBE_KIND, PROBE_SCHEMA, PROBE_SCHEMA_FILE, probeObject } from './testdata/probe';
import { RULE_CASES } from './testdata/rule-cases';

// The oracle: kubectl-validate runs the API server's own schema and CEL code offline. Every case
// object goes through it and through our evaluator, and the verdicts must agree. The first run
// builds kubectl-validate into the per-user tool cache (scripts/go-tool.sh kubectl-validate, ~4 min cold).
const ROOT = path.join(__dirname, '..', '..');
/** The newest preset's schemas, which the rule cases were written against. */
const SCHEMAS = path.join(ROOT, 'schemas', 'newest');
/** The Kubernetes release whose built-in schemas kubectl-validate uses (v0.0.4 is built on 1.30). */
const KUBERNETES_VERSION = '1.30';
const BUILD_TIMEOUT_MS = 30 * 60_000;

const index = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'index.json'), 'utf8')) as Record<string, { schema: string }>;
const ours = new CelValidator((file) => (file === PROBE_SCHEMA_FILE ? PROBE_SCHEMA : JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'))));

interface Cause { message: string; field: string }
/** kubectl-validate's findings per case name. */
let verdicts: Map<string, Cause[]>;

beforeAll(() => {
  const binary = execFileSync('bash', [path.join(ROOT, 'scripts', 'go-tool.sh'), 'kubectl-validate'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: BUILD_TIMEOUT_MS })
    .trim().split('\n').pop()!;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cel-oracle-'));
  try {
    fs.mkdirSync(path.join(work, 'crds'));
    for (const file of fs.readdirSync(path.join(SCHEMAS, 'crds'))) {
      const text = fs.readFileSync(path.join(SCHEMAS, 'crds', file), 'utf8');
      // Only a few CRDs need it, and YAML round trips of the large ones (Argo's) take seconds.
      const out = text.split('\n').some((line) => /\brule:/.test(line) && KEYWORD_FIELD.test(line)) ? YAML.stringify(escapeKeywordFields(YAML.parse(text))) : text;
      fs.writeFileSync(path.join(work, 'crds', file), out);
    }
    fs.writeFileSync(path.join(work, 'crds', 'probes.example.com.yaml'), YAML.stringify(probeCrd()));
    fs.mkdirSync(path.join(work, 'objects'));
    for (const c of RULE_CASES) fs.writeFileSync(path.join(work, 'objects', `${c.name}.yaml`), YAML.stringify(c.object));
    for (const c of PROBE_CASES) fs.writeFileSync(path.join(work, 'objects', `${c.name}.yaml`), YAML.stringify(probeObject(c)));
    const run = spawnSync(binary, [
      '--version', KUBERNETES_VERSION, '--local-crds', path.join(work, 'crds'),
      '-o', 'json', path.join(work, 'objects'),
    // Offline: with a kubeconfig (npm test's cluster sets KUBECONFIG) it would read the cluster's CRDs instead.
    ], { encoding: 'utf8', maxBuffer: 64 << 20, env: { PATH: process.env.PATH, HOME: work, KUBECONFIG: path.join(work, 'no-kubeconfig') } });
    if (!run.stdout.trim().startsWith('{')) throw new Error(`kubectl-validate failed (${run.status}): ${run.stderr}`);
    const report = JSON.parse(run.stdout) as Record<string, Array<{ status: string; message?: string; details?: { causes?: Cause[] } }>>;
    verdicts = new Map(Object.entries(report).map(([file, statuses]) => [path.basename(file, '.yaml'), statuses.flatMap((s) => {
      if (s.status === 'Success') return [];
      return s.details?.causes ?? [{ message: s.message ?? 'failed', field: '' }];
    })]));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}, BUILD_TIMEOUT_MS);

/** The rule's message of a cause: `Invalid value: "object": <message>`, `Forbidden: <message>`. */
function messageOf(cause: Cause): string {
  return cause.message.replace(/^(Invalid value: "[^"]*"|Forbidden|Required value|Duplicate value): /, '');
}

/** Our path as the API server writes fields: `.spec.x[0].y` → `spec.x[0].y`, the object itself `<nil>`. */
function fieldOf(jsonPath: string): string {
  return jsonPath === '.' ? '<nil>' : jsonPath.replace(/^\./, '');
}

function summary(result: CelResult): Array<{ field: string; message: string }> {
  return sorted(result.violations.map((v) => ({ field: fieldOf(v.path), message: v.message })));
}

function sorted<T>(items: T[]): T[] {
  return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('kubectl-validate agrees', () => {
  test.each(RULE_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const result = ours.validate(index[c.kind].schema, c.object);
    expect(result.unchecked).toEqual([]);
    const theirs = verdicts.get(name)!;
    expect(theirs).toBeDefined();
    expect(result.violations.length > 0).toBe(theirs.length > 0);
    expect(summary(result)).toEqual(sorted(theirs.map((t) => ({ field: t.field, message: messageOf(t) }))));
  });

  test.each(PROBE_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const result = ours.validate(PROBE_SCHEMA_FILE, probeObject(c));
    expect(result.unchecked).toEqual([]);
    const theirs = verdicts.get(name)!.map(messageOf);
    expect(sorted(result.violations.map((v) => v.message))).toEqual(sorted(theirs));
    expect(sorted([...c.messages])).toEqual(sorted(theirs));
  });
});

/**
 * Kubernetes 1.31 lets a rule name a field by a CEL reserved word as is (TrainingRuntime's
 * `t.metadata.namespace`); 1.30, which kubectl-validate v0.0.4 is built on, only knows the escaped
 * spelling (`t.metadata.__namespace__`) and reports the rule as a compile error. We evaluate both
 * spellings, so the oracle gets the 1.30 spelling of the same rules.
 */
const KEYWORD_FIELD = /\.(namespace|package|function|import|return|var|void|while|loop|let|const)\b/;

function escapeKeywordFields<T>(node: T): T {
  if (Array.isArray(node)) return node.map(escapeKeywordFields) as T;
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k,
    k === 'rule' && typeof v === 'string' ? v.replace(new RegExp(KEYWORD_FIELD.source, 'g'), '.__$1__') : escapeKeywordFields(v)])) as T;
}

function probeCrd(): object {
  const [group, version, kind] = PROBE_KIND.split('/');
  const plural = `${kind.toLowerCase()}s`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      scope: 'Namespaced',
      versions: [{ name: version, served: true, storage: true, schema: { openAPIV3Schema: PROBE_SCHEMA } }],
    },
  };
}
