import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Finding } from '../manifest';
import { atFieldLines } from './field-lines';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'field-lines-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const finding = (file: string, line: number, p: string): Finding => ({ severity: 'error', rule: 'schema', file, line, resource: 'x', path: p, message: 'm' });

test('a finding points at the line of its field, in any document of the file', () => {
  const file = path.join(dir, 'two.yaml');
  fs.writeFileSync(file, [
    '# leading comment', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: a}', '---',
    'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  labels:', '    "app.kubernetes.io/name": web', 'spec:', '  containers:',
    '  - name: a', '    image: x', '  - name: b', '    resources: {limits: {cpu: 2 cores}}', '',
  ].join('\n'));
  expect(atFieldLines([
    finding(file, 2, '.metadata.name'),
    finding(file, 6, '.spec.containers[1].resources.limits.cpu'),
    finding(file, 6, '.metadata.labels["app.kubernetes.io/name"]'),
    finding(file, 6, '.spec.containers[1].image'), // missing: its nearest parent, the container
    finding(file, 6, '.'), // the whole object: its first line
  ]).map((f) => f.line)).toEqual([4, 17, 11, 16, 6]);
});

test('JSON files too; what cannot be read again (stdin, a vanished file) keeps the object\'s line', () => {
  const file = path.join(dir, 'o.json');
  fs.writeFileSync(file, '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "data": {\n    "a": 1\n  }\n}\n');
  expect(atFieldLines([finding(file, 1, '.data.a')])[0].line).toBe(5);
  expect(atFieldLines([finding('<stdin>', 3, '.data.a'), finding(path.join(dir, 'gone.yaml'), 3, '.data.a')]).map((f) => f.line)).toEqual([3, 3]);
});
