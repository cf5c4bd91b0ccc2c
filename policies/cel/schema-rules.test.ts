import * as fs from 'fs';
import * as path from 'path';
import { Manifest } from '../../manifest';
import { SchemaValidator } from '../schema-validator';
import { CelValidator } from './cel-validator';
import { compile } from './program';
import { RULE_CASES } from './testdata/rule-cases';

// Every CEL rule of the kinds we emit, broken and kept, on objects that are otherwise valid
// (the newest preset's schemas, which the cases were written against).
const SCHEMAS = path.join(__dirname, '..', '..', 'schemas', 'newest');
const index = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'index.json'), 'utf8')) as Record<string, { schema: string }>;
const cel = CelValidator.forDir(SCHEMAS);
const schemas = new SchemaValidator(SCHEMAS);

/** The kinds of constructs/wire/, which scripts/wire-types.ts generates from its kind list. */
function wireKinds(): string[] {
  const dir = path.join(__dirname, '..', '..', 'constructs', 'wire');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).flatMap((f) =>
    [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/apiVersion: '([^']+)';\s*kind: '([^']+)';/g)].map((m) => `${m[1]}/${m[2]}`));
}

/** The distinct rules of a schema file, with their messages. */
function rulesOf(schemaFile: string): Array<{ rule: string; message: string }> {
  const found = new Map<string, string>();
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (k === 'x-kubernetes-validations') for (const r of v as Array<{ rule: string; message: string }>) found.set(r.rule, r.message);
        else visit(v);
      }
    }
  };
  visit(JSON.parse(fs.readFileSync(path.join(SCHEMAS, schemaFile), 'utf8')));
  return [...found].map(([rule, message]) => ({ rule, message }));
}

describe('coverage', () => {
  const kinds = wireKinds();
  test('the wire kinds are read from constructs/wire/', () => {
    expect(kinds).toEqual(expect.arrayContaining(['trainer.kubeflow.org/v1alpha1/TrainJob', 'kubeflow.org/v1/PyTorchJob', 'serving.kserve.io/v1beta1/InferenceService']));
  });

  test.each(kinds)('every rule of %s has a violating and a satisfying case (a transition rule: a case on create)', (kind) => {
    const missing = rulesOf(index[kind].schema).flatMap(({ rule, message }) => {
      const cases = RULE_CASES.filter((c) => c.kind === kind && c.message === message);
      const want = compile(rule).usesOldSelf ? [false] : [false, true];
      return want.filter((violates) => !cases.some((c) => c.violates === violates)).map((violates) => `${violates ? 'violating' : 'satisfying'}: ${rule}`);
    });
    expect(missing).toEqual([]);
  });
});

describe.each(RULE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test('is otherwise valid for the schema, and the schema validator reports the rule\'s violation', () => {
    const errors = schemas.validate({ object: c.object as unknown as Manifest }).filter((f) => f.severity === 'error');
    // Except under .status, which the API server drops on create (the status subresource), as the validator does.
    const reported = c.violates && !c.path?.startsWith('.status');
    expect(errors.map((f) => [f.rule, f.path, f.message])).toEqual(reported ? [['cel/violation', c.path, c.message]] : []);
  });

  test(c.violates ? `breaks "${c.message}" and nothing else` : 'breaks no rule', () => {
    const result = cel.validate(index[c.kind].schema, c.object);
    expect(result.unchecked).toEqual([]);
    expect(result.violations).toEqual(c.violates ? [{ path: c.path, message: c.message, rule: expect.any(String) }] : []);
  });
});
