import { normalizeSources, parseSourceOption, sourceNameFor } from './sources';

describe('sources', () => {
  test('parse --source name=repo@ref[#commit]', () => {
    expect(parseSourceOption('katib=kubeflow/katib@v0.19.0')).toEqual(['katib', { repo: 'kubeflow/katib', ref: 'v0.19.0' }]);
    expect(parseSourceOption('k=kserve/kserve@v0.20.0#1fb7810')).toEqual(['k', { repo: 'kserve/kserve', ref: 'v0.20.0', commit: '1fb7810' }]);
    expect(() => parseSourceOption('katib')).toThrow('expected name=owner/repo@ref');
  });

  test('match files by whole directory segments, longest fragment first', () => {
    const sources = {
      trainer: { repo: 'kubeflow/trainer', ref: 'v2.3.0' },
      'trainer-v1': { repo: 'kubeflow/trainer', ref: 'v1.9.4', paths: ['trainer/v1'] },
      kubernetes: { repo: 'kubernetes/kubernetes', ref: 'release-1.35', paths: ['openapi'] },
    };
    expect(sourceNameFor('/in/crds/trainer/v1/kubeflow.org_tfjobs.yaml', sources)).toBe('trainer-v1');
    expect(sourceNameFor('/in/crds/trainer/v2/x.yaml', sources)).toBe('trainer');
    expect(sourceNameFor('/in/openapi/api__v1_openapi.json', sources)).toBe('kubernetes');
    expect(sourceNameFor('/in/mytrainer/x.yaml', sources)).toBe('x'); // no partial-segment match: falls back to the file name
  });

  test('normalise to a stable order', () => {
    const n = normalizeSources({ b: { ref: 'r', repo: 'o/b' }, a: { note: 'n', repo: 'o/a', ref: 'r', commit: 'abc1234' } });
    expect(JSON.stringify(n)).toBe('{"a":{"repo":"o/a","ref":"r","commit":"abc1234","note":"n"},"b":{"repo":"o/b","ref":"r"}}');
  });
});
