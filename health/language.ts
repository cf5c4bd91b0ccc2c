/**
 * A probe model using every predicate and message form of the language, with strings Lua must
 * quote (quotes, backslashes, newlines, non-ASCII) — and objects that reach each rule. The
 * tests run it in TypeScript and in Argo CD's runtime. Test helper only.
 */
import { Manifest } from '../manifest';
import { f, HealthModel, p } from './model';

const TRICKY = 'quote " backslash \\ newline \n tab \t ünïcödé ✓';

export const PROBE: HealthModel = {
  group: 'example.com',
  kind: 'Probe',
  argocd: 'lua',
  notes: 'every form of the language',
  rules: [
    { when: { exists: ['metadata', 'annotations', 'example.com/dotted.key'] }, status: 'Suspended', message: ['annotation ', f(['metadata', 'annotations', 'example.com/dotted.key'])] },
    { when: { field: p('spec.mode'), equals: TRICKY }, status: 'Degraded', message: [TRICKY, f('spec.mode')] },
    { when: { field: p('spec.count'), equals: 3 }, status: 'Degraded', message: ['count ', f('spec.count'), ' flag ', f('spec.flag')] },
    { when: { field: p('spec.flag'), equals: false }, status: 'Unknown', message: ['flag off'] },
    { when: { field: p('spec.mode'), oneOf: ['a', 2, true] }, status: 'Progressing', message: ['oneOf ', f('spec.mode')] },
    { when: { field: p('spec.count'), lessThan: p('spec.limit') }, status: 'Progressing', message: ['below ', f('spec.limit')] },
    { when: { field: p('spec.count'), lessThan: 0.5 }, status: 'Progressing', message: ['fraction ', f('spec.count')] },
    { when: { field: p('spec.n'), plus: p('spec.m'), lessThan: p('spec.limit') }, status: 'Progressing', message: ['sum below ', f('spec.limit')] },
    { when: { field: p('spec.a'), differsFrom: p('spec.b') }, status: 'Progressing', message: [f('spec.a'), ' ≠ ', f('spec.b')] },
    { when: { field: p('metadata.finalizers'), contains: 'example.com/x' }, status: 'Healthy', message: ['finalized'] },
    { when: { condition: 'Ready', status: 'False', reasonIn: ['Bad', 'Worse'] }, status: 'Degraded', message: [{ conditionField: 'reason', type: 'Ready' }, ': ', { conditionField: 'message', type: 'Ready' }] },
    { when: { condition: 'Pod', status: 'Unknown', messageStartsWith: ['waiting: Crash', 'ünï', 'a\x7f'] }, status: 'Degraded', message: ['stuck: ', { conditionField: 'message', type: 'Pod' }] },
    { when: { condition: 'Custom', in: p('status.other') }, status: 'Healthy', message: ['custom ', { conditionField: 'message', type: 'Custom', in: p('status.other') }] },
    { when: { all: [{ absent: p('spec.x') }, { any: [{ not: { exists: p('spec.y') } }, { field: p('spec.y'), equals: 'y' }] }, { condition: 'Ready', reasonIn: [] }] }, status: 'Missing', message: ['never: empty reasonIn'] },
    { when: { all: [] }, status: 'Healthy', message: [] },
  ],
  otherwise: { status: 'Unknown', message: ['unreachable'] },
};

const probe = (spec: object, extra: object = {}): Manifest => ({ apiVersion: 'example.com/v1', kind: 'Probe', metadata: { name: 'p' }, spec, ...extra });

/** Objects that reach each rule, with the outcome both runtimes must give. */
export const PROBE_CASES: readonly { readonly object: Manifest; readonly status: string; readonly message: string }[] = [
  { object: { ...probe({}), metadata: { name: 'p', annotations: { 'example.com/dotted.key': 'v' } } }, status: 'Suspended', message: 'annotation v' },
  { object: probe({ mode: TRICKY }), status: 'Degraded', message: TRICKY + TRICKY },
  { object: probe({ count: 3, flag: true }), status: 'Degraded', message: 'count 3 flag true' },
  { object: probe({ flag: false }), status: 'Unknown', message: 'flag off' },
  { object: probe({ mode: 2 }), status: 'Progressing', message: 'oneOf 2' },
  { object: probe({ mode: true }), status: 'Progressing', message: 'oneOf true' },
  { object: probe({ mode: '2' }), status: 'Healthy', message: '' },
  { object: probe({ count: 4, limit: 10 }), status: 'Progressing', message: 'below 10' },
  { object: probe({ count: 4, limit: '10' }), status: 'Healthy', message: '' },
  { object: probe({ count: 0.25 }), status: 'Progressing', message: 'fraction 0.25' },
  { object: probe({ a: 'x', b: 'y' }), status: 'Progressing', message: 'x ≠ y' },
  { object: probe({ a: 1, b: '1' }), status: 'Progressing', message: '1 ≠ 1' },
  { object: probe({ a: 'x', b: { no: 'scalar' } }), status: 'Healthy', message: '' },
  { object: { ...probe({}), metadata: { name: 'p', finalizers: ['a', 'example.com/x'] } }, status: 'Healthy', message: 'finalized' },
  { object: probe({}, { status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Fine' }, { type: 'Ready', status: 'False', reason: 'Worse', message: 'last wins' }] } }), status: 'Degraded', message: 'Worse: last wins' },
  { object: probe({}, { status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Worse' }, { type: 'Ready', status: 'True', reason: 'Bad' }] } }), status: 'Healthy', message: '' },
  { object: probe({}, { status: { other: [{ type: 'Custom', message: 'elsewhere' }] } }), status: 'Healthy', message: 'custom elsewhere' },
  { object: probe({}, { status: { conditions: { type: 'Ready' } } }), status: 'Healthy', message: '' },
  { object: probe({ n: 1, m: 2, limit: 4 }), status: 'Progressing', message: 'sum below 4' },
  { object: probe({ n: 0.25, m: 0.5, limit: 1 }), status: 'Progressing', message: 'sum below 1' },
  { object: probe({ n: 2, m: 2, limit: 4 }), status: 'Healthy', message: '' },
  { object: probe({ n: 1, m: '2', limit: 4 }), status: 'Healthy', message: '' },
  { object: probe({ n: 1, limit: 4 }), status: 'Healthy', message: '' },
  ...[
    ['waiting: CrashLoopBackOff - back-off', 'Degraded'],
    ['waiting: Crash', 'Degraded'],
    ['ünïcödé ✓', 'Degraded'],
    ['a\x7f\x7f', 'Degraded'],
    ['a\x7fü', 'Degraded'],
    ['waiting: Cras', 'Healthy'],
    ['waiting: crash', 'Healthy'],
    [' waiting: Crash', 'Healthy'],
    ['ün', 'Healthy'],
    ['a', 'Healthy'],
    ['a~', 'Healthy'],
    ['aü', 'Healthy'],
    ['', 'Healthy'],
  ].map(([message, status]) => ({
    object: probe({}, { status: { conditions: [{ type: 'Pod', status: 'Unknown', message }] } }),
    status,
    message: status === 'Degraded' ? `stuck: ${message}` : '',
  })),
  { object: probe({}, { status: { conditions: [{ type: 'Pod', status: 'True', message: 'waiting: Crash' }] } }), status: 'Healthy', message: '' },
  { object: probe({}, { status: { conditions: [{ type: 'Pod', status: 'Unknown', message: 7 }] } }), status: 'Healthy', message: '' },
];
