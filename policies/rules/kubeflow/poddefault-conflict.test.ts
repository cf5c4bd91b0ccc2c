import { Manifest } from '../../../manifest';
import { ruleFindings } from '../../../test/policy';

const podDefault = (name: string, spec: Record<string, unknown>): Manifest => ({
  apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault', metadata: { name, namespace: 'team' }, spec: { selector: { matchLabels: { [name]: 'true' } }, ...spec },
});
const notebook = (labels: Record<string, string>, container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Manifest => ({
  apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name: 'lab', namespace: 'team', labels },
  spec: { template: { spec: { containers: [{ name: 'lab', image: 'x:1', ...container }], ...spec } } },
});
const findings = (...objects: Manifest[]) => ruleFindings('kubeflow/poddefault-conflict', ...objects);

describe('kubeflow/poddefault-conflict', () => {
  test('rejects two selected PodDefaults that set the same env var differently, on the object whose pods are rejected', () => {
    const a = podDefault('s3-eu', { env: [{ name: 'AWS_REGION', value: 'eu-west-1' }] });
    const b = podDefault('s3-us', { env: [{ name: 'AWS_REGION', value: 'us-east-1' }] });
    const result = findings(a, b, notebook({ 's3-eu': 'true', 's3-us': 'true' }));
    expect(result).toEqual([expect.objectContaining({
      rule: 'kubeflow/poddefault-conflict', severity: 'error', resource: 'kubeflow.org/v1 Notebook team/lab', path: '.spec.template.spec',
      message: 'the notebook pod selects PodDefaults "s3-eu", "s3-us", and the webhook rejects it at creation: env AWS_REGION of PodDefault "s3-us" ({"name":"AWS_REGION","value":"us-east-1"}) differs from PodDefault "s3-eu"\'s ({"name":"AWS_REGION","value":"eu-west-1"})',
      fix: 'make PodDefaults "s3-eu" and "s3-us" agree on env AWS_REGION, set it in only one of them, or select only one of them',
    })]);
  });

  test('rejects a PodDefault entry that clashes with the pod\'s own: volume, mount path, label, toleration', () => {
    const pd = podDefault('creds', {
      volumes: [{ name: 'data', secret: { secretName: 'creds' } }],
      volumeMounts: [{ name: 'creds', mountPath: '/data' }],
      labels: { team: 'b' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
    });
    const nb = notebook({ creds: 'true', team: 'a' }, { volumeMounts: [{ name: 'data', mountPath: '/data' }] }, {
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }], tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    });
    expect(findings(pd, nb).map((f) => [f.path, f.message.replace(/^.*creation: /, '').replace(/ \(.*$/, '')])).toEqual([
      ['.spec.template.spec.volumes[0]', 'volume data of PodDefault "creds"'],
      ['.spec.template.spec.tolerations[0]', 'toleration of key nvidia.com/gpu of PodDefault "creds"'],
      ['.spec.template.spec.containers[0].volumeMounts[0]', 'volume mount at /data of PodDefault "creds"'],
      ['.metadata.labels.team', 'label team of PodDefault "creds"'],
    ]);
  });

  test('the pod is compared with the API server\'s defaults filled in: a copy of its secret volume without defaultMode clashes', () => {
    const volume = { name: 'creds', secret: { secretName: 'creds' } };
    const [f] = findings(podDefault('creds', { volumes: [volume] }), notebook({ creds: 'true' }, {}, { volumes: [volume] }));
    expect(f.message).toContain('differs from the pod\'s own ({"name":"creds","secret":{"secretName":"creds","defaultMode":420}}) once the API server has filled in its defaults');
    expect(f.fix).toContain('write the defaults into the PodDefault, e.g. defaultMode: 420');
    expect(findings(podDefault('creds', { volumes: [{ ...volume, secret: { ...volume.secret, defaultMode: 420 } }] }), notebook({ creds: 'true' }, {}, { volumes: [volume] }))).toEqual([]);
  });

  test('a PodDefault that sets an env var twice, differently, is rejected itself', () => {
    expect(findings(podDefault('dup', { env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] })).map((f) => [f.resource, f.path, f.message])).toEqual([
      ['kubeflow.org/v1alpha1 PodDefault team/dup', '.spec.env[1]', 'env A is set twice, differently ({"name":"A","value":"1"} and {"name":"A","value":"2"}): the webhook rejects every pod this PodDefault selects'],
    ]);
  });

  test('accepts PodDefaults that agree, are not selected, or are excluded by the pod; other namespaces do not count', () => {
    const a = podDefault('a', { env: [{ name: 'X', value: '1' }], volumes: [{ name: 'v', emptyDir: {} }] });
    const b = podDefault('b', { env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2', valueFrom: undefined }], volumes: [{ name: 'v', emptyDir: {} }] });
    const c = podDefault('c', { env: [{ name: 'X', value: '3' }] });
    const elsewhere = { ...c, metadata: { name: 'c', namespace: 'other' } };
    const job: Manifest = {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team' },
      spec: { template: { metadata: { labels: { a: 'true', c: 'true' }, annotations: { 'poddefault.admission.kubeflow.org/exclude': 'true' } }, spec: { containers: [{ name: 'j', image: 'x:1' }] } } },
    };
    expect(findings(a, b, c, notebook({ a: 'true', b: 'true' }), job)).toEqual([]);
    expect(findings(a, elsewhere, notebook({ a: 'true', c: 'true' }))).toEqual([]);
  });
});
