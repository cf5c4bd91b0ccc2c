import { Manifest } from '../../../manifest';
import { deployment, goodContainer, platformFindings } from './testing';

const withEnv = (...env: Record<string, unknown>[]) => deployment('web', [goodContainer({ env })]);
const findings = (params: Record<string, unknown>, ...objects: Manifest[]) => platformFindings('platform/secret-env', params, ...objects);

describe('platform/secret-env', () => {
  test('rejects literal values of secret-looking names, in containers and PodDefaults', () => {
    const pd: Manifest = { apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault', metadata: { name: 'pd', namespace: 'team' }, spec: { selector: {}, env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'abc' }] } };
    expect(findings({}, withEnv({ name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'HF_TOKEN', value: 'hf_x' }), pd).map((f) => [f.path, f.message])).toEqual([
      ['.spec.template.spec.containers[0].env[0].value', 'container "main" (pod): env DB_PASSWORD is a literal value; it looks like a secret, and a literal is readable in git and by everyone who can read the object'],
      ['.spec.template.spec.containers[0].env[1].value', expect.stringContaining('env HF_TOKEN is a literal value')],
      ['.spec.env[0].value', expect.stringContaining('the PodDefault: env AWS_SECRET_ACCESS_KEY')],
    ]);
  });

  test('accepts secretKeyRef, ordinary names, empty values and references', () => {
    expect(findings({}, withEnv(
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'AWS_ENDPOINT_URL', value: 'https://s3.example.com' }, { name: 'TOKENIZER', value: 'bpe' }, { name: 'API_KEY', value: '' },
      { name: 'API_KEY', value: '$(KEY_FROM_FILE)' }, { name: 'PWD', value: '/home' },
    ))).toEqual([]);
  });

  test('the name pattern is a parameter', () => {
    expect(findings({ namePattern: '^LICENSE$' }, withEnv({ name: 'LICENSE', value: 'x' }), withEnv({ name: 'DB_PASSWORD', value: 'y' }))).toHaveLength(1);
  });
});

test('a namePattern that is not a regular expression is a configuration error, not a crash', () => {
  const job = deployment('web', [{ name: 'web', image: 'nginx:1', env: [{ name: 'DB_PASSWORD', value: 'x' }] }]);
  expect(platformFindings('platform/secret-env', { namePattern: '(' }, job).map((f) => [f.rule, f.message])).toEqual([
    ['policy/invalid-parameter', 'namePattern is not a regular expression: Invalid regular expression: /(/i: Unterminated group'],
  ]);
});
