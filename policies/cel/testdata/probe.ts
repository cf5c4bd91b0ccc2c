/**
 * A made-up kind whose schema exercises what the real schemas do not: messageExpression,
 * fieldPath, reason, defaults, evaluation errors, rules in lists and maps, int-or-string, and
 * the Kubernetes library functions we implement. The oracle test turns it into a CRD and checks
 * kubectl-validate's verdicts against ours; cel-validator.test.ts checks the details.
 */
export const PROBE_KIND = 'example.com/v1/Probe';
export const PROBE_SCHEMA_FILE = 'json/example.com/v1/Probe.json';

const rule = (r: string, message: string, extra: Record<string, unknown> = {}) => ({ rule: r, message, ...extra });

export const PROBE_SCHEMA = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      'x-kubernetes-validations': [
        rule("self.tier == 'standard' || self.tier == 'premium'", 'tier is defaulted'),
        { rule: '!has(self.replicas) || self.replicas <= 10', messageExpression: "'replicas must be at most 10, got ' + string(self.replicas)", fieldPath: '.replicas', reason: 'FieldValueForbidden' },
        rule('!has(self.limits) || self.limits.max >= self.limits.min', 'max must not be below min'),
        { rule: "!has(self.owner) || self.owner != 'nobody'" },
        { rule: "self.tier != 'premium' || has(self.owner)", message: 'premium needs an owner', messageExpression: "''" },
        rule('self.tier == oldSelf.tier', 'tier is immutable'),
      ],
      properties: {
        tier: { type: 'string', default: 'standard' },
        replicas: { type: 'integer' },
        owner: { type: 'string' },
        limits: { type: 'object', properties: { min: { type: 'integer' }, max: { type: 'integer' } } },
        quantity: { type: 'string', 'x-kubernetes-validations': [rule('isQuantity(self)', 'not a quantity')] },
        url: { type: 'string', 'x-kubernetes-validations': [rule('isURL(self)', 'not a URL')] },
        text: {
          type: 'string',
          'x-kubernetes-validations': [
            rule("self.find('[0-9]+') != '13'", 'the first number must not be 13'),
            rule("self.findAll('[a-z]+').size() <= 2", 'at most two words'),
            rule("!self.matches('(?i)^forbidden')", 'must not start with forbidden'),
            rule("self.lowerAscii().split(' ').join('-') != 'a-b'", 'must not read a b'),
          ],
        },
        tags: {
          type: 'array',
          items: { type: 'string' },
          'x-kubernetes-validations': [
            rule('self.isSorted()', 'tags must be sorted'),
            rule("!sets.intersects(self, ['banned', 'forbidden'])", 'banned tag'),
          ],
        },
        sizes: {
          type: 'array',
          items: { type: 'integer' },
          'x-kubernetes-validations': [
            rule('self.sum() <= 100', 'sizes must sum to at most 100'),
            rule('self.size() == 0 || self.max() <= 50', 'no size above 50'),
            rule('self.indexOf(7) != 0 && self.lastIndexOf(7) != 1', 'no 7 first or second'),
          ],
        },
        ports: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            properties: { port: { type: 'integer' } },
            'x-kubernetes-validations': [rule('self.port > 0', 'port must be positive')],
          },
        },
        containers: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, image: { type: 'string' } },
            'x-kubernetes-validations': [rule("self.image.contains(':')", 'image needs a tag', { fieldPath: '.image' })],
          },
        },
        quantities: { type: 'array', items: { type: 'string', 'x-kubernetes-validations': [{ rule: 'isQuantity(self)', messageExpression: "'not a quantity: ' + self" }] } },
        urls: { type: 'array', items: { type: 'string', 'x-kubernetes-validations': [{ rule: 'isURL(self)', messageExpression: "'not a URL: ' + self" }] } },
        at: { type: 'string', format: 'date-time', 'x-kubernetes-validations': [rule("self > timestamp('2020-01-01T00:00:00Z')", 'at must be after 2020')] },
        window: { type: 'string', format: 'duration', 'x-kubernetes-validations': [rule("self <= duration('1h')", 'window must be at most an hour')] },
        target: {
          type: 'object',
          properties: { namespace: { type: 'string' }, 'x-name': { type: 'string' } },
          'x-kubernetes-validations': [
            rule("self.__namespace__ != 'kube-system'", 'not in kube-system'),
            rule("!has(self.x__dash__name) || self.x__dash__name.startsWith('x')", 'x-name starts with x'),
          ],
        },
        budget: {
          'x-kubernetes-int-or-string': true,
          anyOf: [{ type: 'integer' }, { type: 'string' }],
          'x-kubernetes-validations': [rule("type(self) == int ? self >= 0 : self.endsWith('%')", 'budget must be a count or a percentage')],
        },
      },
    },
  },
} as const;

export interface ProbeCase {
  readonly name: string;
  readonly spec: Record<string, unknown>;
  /** The messages reported, in any order. */
  readonly messages: readonly string[];
}

export function probeObject(c: ProbeCase): Record<string, unknown> {
  return { apiVersion: 'example.com/v1', kind: 'Probe', metadata: { name: c.name, namespace: 'team-a' }, spec: c.spec };
}

export const PROBE_CASES: readonly ProbeCase[] = [
  {
    name: 'probe-all-ok',
    spec: {
      replicas: 3, owner: 'ml-team', limits: { min: 1, max: 2 }, quantity: '1.5Gi', url: 'https://example.com/models?v=1',
      text: 'run 12 now', tags: ['a', 'b', 'c'], sizes: [10, 20, 7], ports: { http: { port: 80 }, 'grpc.v1': { port: 9000 } },
      containers: [{ name: 'main', image: 'busybox:1.36' }], budget: '25%', at: '2025-06-01T12:00:00Z', window: '30m',
    },
    messages: [],
  },
  { name: 'probe-message-expression', spec: { replicas: 12 }, messages: ['replicas must be at most 10, got 12'] },
  { name: 'probe-default-message', spec: { owner: 'nobody' }, messages: ["failed rule: !has(self.owner) || self.owner != 'nobody'"] },
  { name: 'probe-empty-message-expression', spec: { tier: 'premium' }, messages: ['premium needs an owner'] },
  { name: 'probe-defaulted-tier', spec: { tier: 'gold' }, messages: ['tier is defaulted'] },
  { name: 'probe-no-such-key', spec: { limits: { min: 1 } }, messages: ['no such key: max evaluating rule: max must not be below min'] },
  { name: 'probe-not-quantity', spec: { quantity: '1.5 Gi' }, messages: ['not a quantity'] },
  { name: 'probe-odd-quantities', spec: { quantity: '.5e3' }, messages: [] },
  { name: 'probe-not-url', spec: { url: 'models/llama' }, messages: ['not a URL'] },
  { name: 'probe-bad-port-url', spec: { url: 'http://example.com:http/x' }, messages: ['not a URL'] },
  { name: 'probe-path-url', spec: { url: '/models/llama' }, messages: [] },
  { name: 'probe-find', spec: { text: 'x 13 y' }, messages: ['the first number must not be 13'] },
  { name: 'probe-find-all', spec: { text: 'one two three' }, messages: ['at most two words'] },
  { name: 'probe-case-insensitive', spec: { text: 'FORBIDDEN' }, messages: ['must not start with forbidden'] },
  { name: 'probe-split-join', spec: { text: 'A B' }, messages: ['must not read a b'] },
  { name: 'probe-unsorted-banned', spec: { tags: ['b', 'a', 'banned'] }, messages: ['tags must be sorted', 'banned tag'] },
  { name: 'probe-sizes', spec: { sizes: [60, 7, 7, 40] }, messages: ['sizes must sum to at most 100', 'no size above 50'] },
  { name: 'probe-sizes-index', spec: { sizes: [1, 7] }, messages: ['no 7 first or second'] },
  { name: 'probe-map-value', spec: { ports: { http: { port: 0 }, metrics: { port: 9090 } } }, messages: ['port must be positive'] },
  { name: 'probe-list-item-field-path', spec: { containers: [{ name: 'a', image: 'busybox:1.36' }, { name: 'b', image: 'busybox' }] }, messages: ['image needs a tag'] },
  { name: 'probe-escaped-names-ok', spec: { target: { namespace: 'team-a', 'x-name': 'xavier' } }, messages: [] },
  { name: 'probe-escaped-names', spec: { target: { namespace: 'kube-system', 'x-name': 'yvonne' } }, messages: ['not in kube-system', 'x-name starts with x'] },
  {
    name: 'probe-quantities',
    spec: { quantities: ['1', '1.5Gi', '500m', '.5', '5.', '-1', '+1', '1e3', '1E3', '1E', '1e', '1Ki5', '1.5 Gi', '', '-', '.', '1i', '1KI', '0x10', '1e-3', '1.2.3', '1ki', '123456789012345678901234567890', '1e400', '1.5Ei', '+.', '1m5'] },
    // The API server trims evaluated messages: '' gives "not a quantity:".
    messages: ['0x10', '1.2.3', '1.5 Gi', '1e', '1i', '1ki', '1KI', '1Ki5', '1m5', ''].map((q) => `not a quantity: ${q}`.trim()),
  },
  {
    name: 'probe-urls',
    spec: { urls: ['https://example.com', 'http://example.com:8080/a?b=c', '/abs/path', 'rel/path', 'mailto:me@example.com', 'http://exa mple.com', 'http://example.com:port', 'http://[::1]:80/', 'http://[::1', 'http://user:pa ss@host/', 'http://host/%zz', 'http://host/%41', 'http://%41.com/', 'http://ex%2Fample.com', '*', 'a:b', ':foo', 'http://example.com/ space', 'HTTP://EXAMPLE.COM', 'http://', 'http:///path', '//host/path', 'http://example.com#frag', 'http://example.com/?q=%zz', 'http://ex_ample.com/', 'http://ex{ample.com/', '1http://x'] },
    messages: [':foo', '1http://x', 'http://[::1', 'http://%41.com/', 'http://ex{ample.com/', 'http://ex%2Fample.com', 'http://exa mple.com',
      'http://example.com:port', 'http://example.com#frag', 'http://host/%zz', 'http://user:pa ss@host/', 'rel/path'].map((u) => `not a URL: ${u}`),
  },
  { name: 'probe-timestamp-duration', spec: { at: '2019-06-01T00:00:00Z', window: '2h' }, messages: ['at must be after 2020', 'window must be at most an hour'] },
  { name: 'probe-int-or-string-int', spec: { budget: -1 }, messages: ['budget must be a count or a percentage'] },
  { name: 'probe-int-or-string-string', spec: { budget: '25' }, messages: ['budget must be a count or a percentage'] },
];
