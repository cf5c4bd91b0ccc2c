import { Manifest } from '../../../manifest';
import { ruleFindings } from '../../../test/policy';

const notebook = (name: string): Manifest => ({ apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name, namespace: 'team' }, spec: { template: { spec: { containers: [{ name }] } } } });
const messages = (name: string) => ruleFindings('kubeflow/notebook-name', notebook(name)).map((f) => f.message);

describe('kubeflow/notebook-name', () => {
  test('rejects names that cannot name its Service or fit its pods\' revision label', () => {
    expect(messages('9lives')).toEqual(['"9lives" is not a valid DNS-1035 label, which the notebook\'s Service name must be']);
    expect(messages('lab.v2')).toEqual(['"lab.v2" is not a valid DNS-1035 label, which the notebook\'s Service name must be']);
    expect(messages('n'.repeat(53))).toEqual([`"${'n'.repeat(53)}" is 53 characters long: the StatefulSet controller labels its pods with the revision "${'n'.repeat(53)}-<hash>", and at most 63 characters are allowed`]);
  });

  test('accepts a DNS-1035 label of at most 52 characters', () => {
    expect(messages('lab')).toEqual([]);
    expect(messages('n'.repeat(52))).toEqual([]);
  });
});
