import { Manifest } from '../../../manifest';
import { ruleFindings } from '../../../test/policy';

const podDefault = (selector: unknown): Manifest => ({ apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault', metadata: { name: 'creds', namespace: 'team' }, spec: { desc: 'x', selector } });
const findings = (selector: unknown) => ruleFindings('kubeflow/poddefault-selector', podDefault(selector)).map((f) => [f.severity, f.path, f.message]);

describe('kubeflow/poddefault-selector', () => {
  test('rejects a selector without matchLabels: the notebook UI cannot list the namespace\'s configurations', () => {
    expect(findings({})).toEqual([['error', '.spec.selector', 'the selector is empty, so it selects every pod of the namespace, and it has no matchLabels: the notebook UI fails to list the namespace\'s configurations (it reads the first matchLabels key of every PodDefault)']]);
    expect(findings({ matchExpressions: [{ key: 'app', operator: 'Exists' }] })).toEqual([['error', '.spec.selector', expect.stringMatching(/^the selector has no matchLabels/)]]);
  });

  test('warns when choosing it in the notebook form cannot select the notebook', () => {
    expect(findings({ matchLabels: { creds: 'yes' } })).toEqual([['warning', '.spec.selector', 'the notebook form offers it as "creds" and, when chosen, labels the notebook creds: "true", which does not match creds: "yes": choosing it does nothing']]);
    expect(findings({ matchLabels: { creds: 'true', tier: 'gpu' } })[0][2]).toContain('which does not meet the selector\'s 1 other requirement: choosing it does nothing');
  });

  test('accepts one `<key>: "true"` label', () => {
    expect(findings({ matchLabels: { creds: 'true' } })).toEqual([]);
  });
});
