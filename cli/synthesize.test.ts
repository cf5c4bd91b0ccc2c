import { ApiObject, App } from 'cdk8s';
import { EmittedObject } from '../constructs/core/emitted-object';
import { Stack, withSynthRenderings } from '../constructs/core/stack';
import { ArgoCdDelivery } from '../constructs/gitops';
import { PodDefault } from '../constructs/tenancy';
import { buildApp } from '../stacks/main';
import { checkPolicies, synthesize } from './synthesize';

const configMap = (stack: Stack, id: string, apiVersion = 'v1', kind = 'ConfigMap') =>
  new ApiObject(stack, id, { apiVersion, kind, metadata: { name: 'settings', namespace: 'team' } });

describe('synthesize', () => {
  test('renders each object once, also for stacks Argo CD delivers (whose sync-wave check and project permissions read the same rendering)', () => {
    const build = () => {
      const app = new App();
      const dev = new Stack(app, 'dev', { namespace: 'team' });
      for (let i = 0; i < 3; i++) new PodDefault(dev, `Config${i}`, { description: `config ${i}` });
      new ArgoCdDelivery(app, 'gitops', { repoURL: 'https://git.example.com/platform.git' });
      return app;
    };
    const toJson = jest.spyOn(EmittedObject.prototype, 'toJson');
    try {
      const { files, findings } = synthesize(build());
      expect(findings).toEqual([]);
      const podDefaults = toJson.mock.contexts.filter((o) => (o as EmittedObject).kind === 'PodDefault');
      expect(podDefaults).toHaveLength(3);
      // Outside a synth nothing is cached: a stack changed after a rendering renders anew.
      const app = build();
      const dev = app.node.findChild('dev') as Stack;
      expect(dev._renderObjects().filter((o) => o.object.kind === 'PodDefault')).toHaveLength(3);
      new PodDefault(dev, 'Late', { description: 'late' });
      expect(dev._renderObjects().filter((o) => o.object.kind === 'PodDefault')).toHaveLength(4);
      expect([...files.keys()].filter((f) => f.startsWith('dev/team/poddefault-'))).toHaveLength(3);
    } finally {
      toJson.mockRestore();
    }
  });

  test('objects that constructs did not claim (raw ApiObjects) with the same identity are an error, not one file silently lost', () => {
    const app = new App();
    const dev = new Stack(app, 'dev');
    configMap(dev, 'a');
    configMap(dev, 'b');
    const { findings, files } = synthesize(app);
    expect(findings).toEqual([{
      severity: 'error', rule: 'identity/duplicate', file: 'dev/team/configmap-settings.yaml', construct: 'dev/b', resource: 'v1 ConfigMap team/settings', path: '.metadata.name',
      message: 'another object of stack "dev" has the same kind, namespace and name; the cluster would keep only one', fix: 'rename one of them',
    }]);
    expect([...files.keys()]).toEqual(['dev/_cluster/inventory-dev.yaml', 'dev/team/configmap-settings.yaml']);
  });

  test('what synth writes is what cdk8s renders: each stack of the default app, against Chart.toJson()', () => {
    const app = buildApp();
    const stacks = app.node.children.filter((c): c is Stack => Stack.isStack(c));
    expect(stacks.length).toBeGreaterThan(3);
    for (const stack of stacks) {
      // Chart.toJson() (cdk8s's resolve, dependency order and validation of the whole app) against synth's one rendering.
      expect(withSynthRenderings(() => stack._renderObjects().map((r) => r.object))).toEqual(stack.toJson());
    }
  });

  test('an object name too long for a file name is a finding, not a crash of the write', () => {
    const app = new App();
    const dev = new Stack(app, 'dev');
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`; // 253: a valid name
    new ApiObject(dev, 'long', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name, namespace: 'team' } });
    const { findings, files } = synthesize(app);
    expect(findings.map((f) => [f.rule, f.construct, f.message])).toEqual([['identity/file-name', 'dev/long', 'its file name is 270 bytes long; file systems allow 255 (the name of the object is 253 characters, the file adds its kind)']]);
    expect([...files.keys()]).toEqual(['dev/_cluster/inventory-dev.yaml']);
  });

  test('two kinds of one name in different API groups would share a file: the message says so', () => {
    const app = new App();
    const dev = new Stack(app, 'dev');
    new ApiObject(dev, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'model', namespace: 'team' } });
    new ApiObject(dev, 'ksvc', { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'model', namespace: 'team' } });
    expect(synthesize(app).findings.map((f) => f.message)).toEqual(['v1 Service team/model goes to the same file (file names leave out the API group)']);
  });

  test('stacks are separate folders: the same object in two stacks is fine', () => {
    const app = new App();
    configMap(new Stack(app, 'dev'), 'a');
    configMap(new Stack(app, 'prod'), 'a');
    const { findings, files } = synthesize(app);
    expect(findings).toEqual([]);
    expect([...files.keys()]).toEqual(['dev/_cluster/inventory-dev.yaml', 'dev/team/configmap-settings.yaml', 'prod/_cluster/inventory-prod.yaml', 'prod/team/configmap-settings.yaml']);
  });
});

test('strings that YAML 1.1 readers (kubectl, Argo CD) would take for booleans, numbers or dates are written quoted', () => {
  const app = new App();
  new ApiObject(new Stack(app, 'dev'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flags', namespace: 'team' }, data: { n: 'y', on: 'off', day: '2026-01-01', big: '1_000', plain: 'text' } });
  const text = synthesize(app).files.get('dev/team/configmap-flags.yaml')!;
  expect(text).toContain('data:\n  big: "1_000"\n  day: "2026-01-01"\n  "n": "y"\n  "on": "off"\n  plain: text\n');
});

describe('checkPolicies', () => {
  test('runs each stack\'s rules with its own configuration, and reports a configuration mistake against the stack', () => {
    const app = new App();
    new Stack(app, 'dev', { namespace: 'ml', policies: { rules: { 'platform/image-pined': 'error' } } });
    new Stack(app, 'prod', { namespace: 'ml', policies: { rules: { 'platform/image-pinned': 'error' } } });
    for (const stack of app.node.children as Stack[]) new ApiObject(stack, 'web', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    expect(checkPolicies(synthesize(app)).findings.map((f) => `${f.rule} ${f.construct ?? f.resource} ${f.path}: ${f.fix}`)).toEqual([
      'policy/unknown-rule stack dev .rules["platform/image-pined"]: did you mean "platform/image-pinned"?',
      expect.stringMatching(/^platform\/image-pinned prod\/web \.spec\.containers\[0\]\.image: /),
    ]);
  });
});
