import * as path from 'path';
import { CelValidator } from './cel-validator';
import { compilationCount } from './program';
import { PROBE_CASES, PROBE_SCHEMA, PROBE_SCHEMA_FILE, probeObject } from './testdata/probe';

const probe = new CelValidator(() => PROBE_SCHEMA);
const probeResult = (spec: Record<string, unknown>) => probe.validate(PROBE_SCHEMA_FILE, probeObject({ name: 'p', spec, messages: [] }));

/** A validator of one kind whose spec has the given schema (and any other files). */
function kindWith(spec: object, files: Record<string, object> = {}, definitions: object = {}) {
  const reads: string[] = [];
  const all: Record<string, object> = { 'json/example.com/v1/Kind.json': { type: 'object', definitions, properties: { spec } }, ...files };
  const validator = new CelValidator((file) => {
    reads.push(file);
    if (!all[file]) throw new Error(`no ${file}`);
    return all[file];
  });
  return { reads, validate: (specValue: unknown) => validator.validate('json/example.com/v1/Kind.json', { spec: specValue }) };
}

describe('the probe kind (kubectl-validate agrees with these in oracle.test.ts)', () => {
  test.each(PROBE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = probe.validate(PROBE_SCHEMA_FILE, probeObject(c));
    expect(result.unchecked).toEqual([]);
    expect(result.violations.map((v) => v.message).sort()).toEqual([...c.messages].sort());
  });
});

describe('what a violation says', () => {
  test('messageExpression is evaluated; fieldPath moves the path; reason is kept', () => {
    expect(probeResult({ replicas: 12 }).violations).toEqual([{
      path: '.spec.replicas', message: 'replicas must be at most 10, got 12', reason: 'FieldValueForbidden',
      rule: '!has(self.replicas) || self.replicas <= 10',
    }]);
  });

  test('an empty messageExpression falls back to the message, no message to the rule', () => {
    expect(probeResult({ tier: 'premium' }).violations.map((v) => v.message)).toEqual(['premium needs an owner']);
    expect(probeResult({ owner: 'nobody' }).violations.map((v) => v.message)).toEqual(["failed rule: !has(self.owner) || self.owner != 'nobody'"]);
  });

  test('a rule that fails on the object (a missing key) rejects it, as the API server does', () => {
    expect(probeResult({ limits: { min: 1 } }).violations).toEqual([{
      path: '.spec', message: 'no such key: max evaluating rule: max must not be below min', rule: '!has(self.limits) || self.limits.max >= self.limits.min',
      evaluationError: 'no such key: max',
    }]);
  });

  test('rules on map values and list items report the entry', () => {
    expect(probeResult({ ports: { http: { port: 80 }, 'grpc.v1': { port: 0 } } }).violations.map((v) => v.path)).toEqual(['.spec.ports["grpc.v1"]']);
    const containers = [{ name: 'a', image: 'busybox:1.36' }, { name: 'b', image: 'busybox' }];
    expect(probeResult({ containers }).violations.map((v) => v.path)).toEqual(['.spec.containers[1].image']);
  });

  test('defaults are applied before the rules run, also inside a defaulted object', () => {
    const kind = kindWith({
      type: 'object',
      properties: { settings: { type: 'object', default: { level: 0 }, properties: { level: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self >= 1', message: 'level' }] } } } },
    });
    expect(kind.validate({}).violations.map((v) => v.path)).toEqual(['.spec.settings.level']);
    expect(kind.validate({ settings: { level: 2 } }).violations).toEqual([]);
  });

  test('values are typed by the schema: integer as int, number as double', () => {
    const kind = kindWith({
      type: 'object',
      properties: { i: { type: 'integer' }, d: { type: 'number' } },
      'x-kubernetes-validations': [{ rule: 'type(self.i) == int && type(self.d) == double', message: 'types' }],
    });
    expect(kind.validate({ i: 1, d: 1 }).violations).toEqual([]);
  });
});

describe('rules that are not checked are said so, never passed', () => {
  const spec = (rules: object[]) => ({
    type: 'object',
    properties: { items: { type: 'array', items: { type: 'object', properties: { size: { type: 'string' }, n: { type: 'integer' } }, 'x-kubernetes-validations': rules } } },
  });
  const items = [{ size: '1Gi', n: 1 }, { size: '2Gi', n: 2 }, { size: '3Gi', n: -1 }];

  test('an unsupported function: once per rule, at its first place; other rules still run', () => {
    const kind = kindWith(spec([
      { rule: "quantity(self.size).isLessThan(quantity('2Gi'))", message: 'small' },
      { rule: 'self.n >= 0', message: 'n' },
    ]));
    expect(kind.validate({ items })).toEqual({
      violations: [{ path: '.spec.items[2]', message: 'n', rule: 'self.n >= 0' }],
      unchecked: [{ rule: "quantity(self.size).isLessThan(quantity('2Gi'))", why: 'unsupported functions: isLessThan, quantity', path: '.spec.items[0]' }],
    });
  });

  test.each([
    ['cel.bind(x, self.n, x >= 0)', 'unsupported function: cel.bind'],
    ["self.?size.orValue('') != ''", 'cannot compile: '],
    ["self.n.startsWith('1')", "cannot evaluate: found no matching overload for 'startsWith'"],
  ])('%s', (rule, why) => {
    const { unchecked, violations } = kindWith(spec([{ rule }])).validate({ items });
    expect(violations).toEqual([]);
    expect(unchecked).toEqual([{ rule, why: expect.stringContaining(why), path: '.spec.items[0]' }]);
  });

  test('a transition rule is skipped (it needs the old object); with optionalOldSelf it is not checked', () => {
    const kind = kindWith(spec([
      { rule: 'self.n == oldSelf.n', message: 'immutable' },
      { rule: '!oldSelf.hasValue() || self.n >= oldSelf.value().n', optionalOldSelf: true },
    ]));
    expect(kind.validate({ items })).toEqual({
      violations: [],
      unchecked: [{ rule: '!oldSelf.hasValue() || self.n >= oldSelf.value().n', why: expect.stringContaining('optionalOldSelf'), path: '.spec.items[0]' }],
    });
  });
});

describe('schemas', () => {
  const positive = { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self >= 0', message: 'negative' }] };

  test('rules are found through $ref, allOf and a reference to another file', () => {
    const kind = kindWith(
      { type: 'object', properties: { a: { $ref: '#/definitions/A' }, b: { allOf: [{ $ref: '#/definitions/A' }] }, c: { $ref: '../../meta/v1/Shared.json#/definitions/C' } } },
      { 'json/meta/v1/Shared.json': { definitions: { C: { type: 'object', properties: { v: positive } } } } },
      { A: { type: 'object', properties: { v: positive } } },
    );
    expect(kind.validate({ a: { v: -1 }, b: { v: -1 }, c: { v: -1 } }).violations.map((v) => v.path)).toEqual(['.spec.a.v', '.spec.b.v', '.spec.c.v']);
  });

  test('recursive definitions are walked as deep as the object goes', () => {
    const kind = kindWith({ $ref: '#/definitions/Node' }, {}, { Node: { type: 'object', properties: { value: positive, children: { type: 'array', items: { $ref: '#/definitions/Node' } } } } });
    expect(kind.validate({ value: 1, children: [{ value: 1, children: [{ value: -1 }] }] }).violations.map((v) => v.path)).toEqual(['.spec.children[0].children[0].value']);
  });

  test('metadata of a resource shows rules only its names, as the API server does', () => {
    const validator = new CelValidator(() => ({
      type: 'object', properties: { metadata: { type: 'object' } },
      'x-kubernetes-validations': [{ rule: "self.metadata.name == 'a' && !has(self.metadata.generateName) && !has(self.metadata.labels)", message: 'names' }],
    }));
    expect(validator.validate('x.json', { metadata: { name: 'a', namespace: 'n', labels: { x: 'y' } } }).violations).toEqual([]);
  });
});

describe('speed', () => {
  test('each schema file is read once per validator, each rule compiled once per process', () => {
    const kind = kindWith({ type: 'object', properties: { n: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self != 12345', message: 'n' }] } } });
    const before = compilationCount();
    kind.validate({ n: 1 });
    expect(compilationCount()).toBe(before + 1);
    for (let i = 0; i < 10; i++) kind.validate({ n: i });
    const again = kindWith({ type: 'object', properties: { m: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self != 12345', message: 'm' }] } } });
    again.validate({ m: 1 });
    expect(compilationCount()).toBe(before + 1);
    expect(kind.reads).toEqual(['json/example.com/v1/Kind.json']);
  });

  test('many objects validate quickly', () => {
    const validator = CelValidator.forDir(path.join(__dirname, '..', '..', 'schemas', 'newest'));
    const file = 'json/trainer.kubeflow.org/v1alpha1/TrainingRuntime.json';
    const object = {
      apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainingRuntime', metadata: { name: 'torch', namespace: 'team-a' },
      spec: { mlPolicy: { numNodes: 2, torch: {} }, template: { spec: { replicatedJobs: [{ name: 'node', template: { spec: { template: { spec: { containers: [{ name: 'node', image: 'pytorch' }] } } } } }] } } },
    };
    validator.validate(file, object); // reads and builds the schema once
    const start = process.hrtime.bigint();
    for (let i = 0; i < 1000; i++) expect(validator.validate(file, object).violations).toEqual([]);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(ms).toBeLessThan(5000); // ~0.1 ms an object on an idle 2-core machine
  });
});
