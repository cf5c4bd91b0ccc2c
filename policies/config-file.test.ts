import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyFileError, readPolicyFile } from './config-file';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'policy-file-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(text: string): string {
  const path = join(dir, `p${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
}

describe('readPolicyFile', () => {
  test('reads severities, off and parameters, in the shape of a stack\'s policies prop', () => {
    const path = file(`
rules:
  platform/image-pinned: error
  kserve/storage-uri-scheme: off
  platform/required-labels:
    severity: warning
    params: { labels: [team, cost-centre] }
`);
    expect(readPolicyFile(path)).toEqual({ rules: {
      'platform/image-pinned': 'error',
      'kserve/storage-uri-scheme': 'off',
      'platform/required-labels': { severity: 'warning', params: { labels: ['team', 'cost-centre'] } },
    } });
  });

  test('an empty file, or `rules:` with nothing, keeps the defaults', () => {
    expect(readPolicyFile(file(''))).toEqual({});
    expect(readPolicyFile(file('rules:\n'))).toEqual({});
  });

  test.each([
    ['not YAML', 'rules: [a\n', /not YAML/],
    ['a list', '- a\n', /: \.: is not a mapping; write `rules:`/],
    ['another top-level key', 'rule:\n  a: error\n', /: \.rule: is not a setting; the file holds only `rules:`/],
    ['rules as a list', 'rules:\n  - a\n', /\.rules: is not a mapping/],
    ['an unknown severity', 'rules:\n  a: fatal\n', /\.rules\["a"\]: "fatal" is not a setting; use off, error or warning/],
    ['false instead of off', 'rules:\n  a: false\n', /\.rules\["a"\]: is false; write off/],
    ['a number', 'rules:\n  a: 1\n', /\.rules\["a"\]: is 1/],
    ['an unknown key', 'rules:\n  a: { level: error }\n', /\.rules\["a"\]\.level: is not a setting; a rule takes severity and params/],
    ['a wrong severity', 'rules:\n  a: { severity: high }\n', /\.rules\["a"\]\.severity: "high" is not a severity/],
    ['params as a list', 'rules:\n  a: { params: [x] }\n', /\.rules\["a"\]\.params: is not a mapping/],
    ['a duplicate key', 'rules:\n  a: error\n  a: off\n', /not YAML: Map keys must be unique/],
  ])('%s: a clear error naming the file and the field', (_what, text, message) => {
    const path = file(text);
    expect(() => readPolicyFile(path)).toThrow(PolicyFileError);
    expect(() => readPolicyFile(path)).toThrow(message);
    expect(() => readPolicyFile(path)).toThrow(path);
  });

  test('a missing or unreadable file (a folder: root reads any file, so permissions cannot be tested)', () => {
    expect(() => readPolicyFile(join(dir, 'absent.yaml'))).toThrow(/absent\.yaml: cannot read it \(ENOENT\)/);
    expect(() => readPolicyFile(dir)).toThrow(/cannot read it \(EISDIR\)/);
  });
});
