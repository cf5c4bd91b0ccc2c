import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { synthesize } from '../cli/synthesize';
import { compilePipeline, PipelineComponent } from '../constructs';
import { buildApp as pipelinesExample } from '../examples/pipelines/main';
import { toYaml, YAML_OUTPUT } from '../manifest/yaml-output';
import { buildEveryKindApp } from './every-kind';

// toYaml must be yaml's stringify byte for byte: every file of dist/, every object of the
// every-kind app and the pipelines example, the twin pipelines' IR, and values built to sit on the
// edge of each rule.

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.yaml') ? [join(dir, f)] : []));
}

const TRICKY_STRINGS = [
  '', ' ', 'a', 'y', 'n', 'Y', 'yes', 'No', 'ON', 'off', 'true', 'False', 'null', 'Null', '~', '-', '--', '---', '...', '?', ':', '=', '<<',
  '0', '1', '-1', '+1', '.5', '1.0', '1e3', 'e2', 'E5', 'e+1', '-e0', 'E-3', 'e', 'e2x', 'ee2', '0x1F', '0o17', '017', '1_000', '1:20', '2026-01-01', '2026-01-01T10:00:00Z', '.inf', '-.Inf', '.nan',
  'a b', 'a  b', ' a', 'a ', 'a: b', 'a:b', 'a:', 'a #b', 'a#b', '#a', '- a', '-a', 'a-', '@a', 'a@b', '`a', '!a', '&a', '*a', '%a', '|', '>', '{a}', '[a]',
  'a,b', 'a, b', "it's", 'say "hi"', 'back\\slash', 'tab\there', 'line\nbreak', 'line\nbreak\n', 'trailing\n\n', '\nleading', 'crlf\r\nx', 'ünïcödé', '日本語',
  'http://example.com/x?a=b&c=d', 'sha256:0123abcd', 's3://bucket/path', '/abs/path', '_under', 'a=b', 'a+b', 'kserve-container', 'NET_BIND_SERVICE',
  '${trialParameters.lr}', '$(TRAIN_JOB_NAME)-scheduler-0-0.$(TRAIN_JOB_NAME)', '{{inputs.parameters.n}}', 'python -c "import mxnet"', 'x'.repeat(300),
  '8', '32Gi', '500m', '4k', '2M', '1E', '1e', '5Ei', '1Ki', '10e3', '0Gi', '-a', '--lr=0.1', '--run=1', '---a', '- a', '-1a', '--', '-', '--a: b', '-a #b',
  'set -e\necho "a: b"\n  indented\n', '  leading spaces\nsecond', 'a\u0000b', 'a\u00a0b', 'é', 'E', 'e', '.', '/', '_',
];

const values: unknown[] = [
  {}, [], { a: {} }, { a: [] }, { a: [[]] }, [{}], [[1, 2], [3]], [[{ a: 1 }]], { a: [{ b: [{ c: 'd' }] }] },
  { n: 0, neg: -3, big: 1e21, float: 0.5, tiny: 1e-7, negZero: -0, nan: NaN, inf: Infinity, t: true, f: false, nil: null, undef: undefined },
  [1, 'a', null, true, 0.25, undefined, { k: 'v' }],
  Object.fromEntries(TRICKY_STRINGS.map((s, i) => [`k${i}`, s])),
  TRICKY_STRINGS,
  Object.fromEntries(TRICKY_STRINGS.filter((s) => s !== '').map((s) => [s, 1])),
  TRICKY_STRINGS.map((s) => ({ [s || 'empty']: s, nested: [s] })),
];

const same = (value: unknown) => expect(toYaml(value)).toBe(stringify(value, YAML_OUTPUT));

describe('toYaml', () => {
  test('is yaml\'s output on every file of dist/', () => {
    const all = files(join(__dirname, '..', 'dist'));
    expect(all.length).toBeGreaterThan(50);
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      expect([f, toYaml(parse(text, { version: '1.1' }))]).toEqual([f, text]);
    }
  });

  test('is yaml\'s output on every object of the every-kind app and the pipelines example', () => {
    for (const app of [buildEveryKindApp(), pipelinesExample()]) {
      for (const { object } of synthesize(app).sources) same(object);
    }
  });

  test('is yaml\'s output on the IR and platform spec of every twin pipeline (pipelineYaml writes them)', () => {
    const twins = join(__dirname, '..', 'constructs', 'pipelines', 'testdata', 'twins');
    let docs = 0;
    for (const f of readdirSync(twins).filter((n) => n.endsWith('.ts'))) {
       
      const compiled = compilePipeline((require(join(twins, f)) as { pipeline: PipelineComponent }).pipeline);
      for (const doc of [compiled.pipelineSpec, compiled.platformSpec].filter((d) => d !== undefined)) {
        same(doc);
        docs++;
      }
    }
    expect(docs).toBeGreaterThan(6); // six twins, some with a platform spec
  });

  test.each(values.map((v, i) => [i, v]))('is yaml\'s output on edge values (%d)', (_i, value) => same(value));

  test.each(TRICKY_STRINGS.map((s) => [JSON.stringify(s), s]))('is yaml\'s output for the scalar %s as a value, a key and a list item at depth', (_name, s) => {
    same({ deep: { list: [s, { key: s }] }, [s === '' ? 'e' : s]: { x: s } });
  });
});
