import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { ArgoCdApplication, ArgoCdApplicationProps } from './application';
import { ArgoCdApplicationSet, ApplicationsSync, Generator } from './application-set';
import { ArgoCdProject } from './project';

const REPO = 'https://github.com/example/ml-platform.git';
const IN_CLUSTER = 'https://kubernetes.default.svc';

describe('ArgoCdApplication', () => {
  test('renders one source, a destination by server, ignoreDifferences; valid against the Argo CD CRD schema', () => {
    const stack = testStack();
    new ArgoCdApplication(stack, 'Dev', {
      project: 'kubeflow', source: { repoURL: REPO, path: 'dist/dev', directory: { recurse: true } }, destination: { server: IN_CLUSTER, namespace: 'team' },
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }], revisionHistoryLimit: 3, cascadeDelete: true,
    });
    const app = manifest(stack, 'Application');
    expect(app.metadata).toMatchObject({ name: 'dev', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] });
    expect(app.spec).toMatchObject({
      project: 'kubeflow', source: { repoURL: REPO, targetRevision: 'HEAD', path: 'dist/dev', directory: { recurse: true } },
      destination: { server: IN_CLUSTER, namespace: 'team' }, ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }], revisionHistoryLimit: 3,
    });
    expectSchemaValid(stack);
  });

  test('multiple sources (a Helm chart and a values ref) and a destination by cluster name', () => {
    const stack = testStack();
    new ArgoCdApplication(stack, 'Kueue', {
      sources: [
        { repoURL: 'https://charts.example.com', chart: 'kueue', targetRevision: '0.13.4', helm: { valueFiles: ['$values/kueue/values.yaml'] } },
        { repoURL: REPO, ref: 'values' },
      ],
      destination: { name: 'prod', namespace: 'kueue-system' },
    });
    const spec = manifest(stack, 'Application').spec;
    expect(spec.source).toBeUndefined();
    expect(spec.sources.map((s: any) => s.chart ?? s.ref)).toEqual(['kueue', 'values']);
    expect(spec.destination).toEqual({ name: 'prod', namespace: 'kueue-system' });
    expect(spec.project).toBe('default');
    expectSchemaValid(stack);
  });

  const base: ArgoCdApplicationProps = { source: { repoURL: REPO, path: 'dist/dev' }, destination: { server: IN_CLUSTER } };
  test.each([
    [{ destination: { server: IN_CLUSTER, name: 'in-cluster' } }, 'name', 'is given with server'],
    [{ destination: {} }, 'destination.server', 'is missing, and so is name'],
    [{ destination: { server: 'kubernetes.default.svc' } }, 'destination.server', 'is not an API server URL'],
    [{ destination: { name: 'prod', namespace: 'Team_A' } }, 'destination.namespace', 'is not a valid'],
    [{ source: undefined }, 'source', 'is missing'],
    [{ sources: [{ repoURL: REPO, path: 'a' }] }, 'sources', 'is given with source'],
    [{ source: undefined, sources: [{ repoURL: REPO, ref: 'values' }] }, 'sources', 'only has `ref` sources'],
    [{ source: { repoURL: '', path: 'a' } }, 'source.repoURL', 'is empty'],
    [{ source: { repoURL: REPO } }, 'source.path', 'names no folder, chart or ref'],
    [{ source: { repoURL: REPO, path: '../other' } }, 'source.path', 'is not a path inside the repository'],
    [{ source: { repoURL: REPO, path: 'a', chart: 'b' } }, 'source.chart', 'is given with path'],
    [{ ignoreDifferences: [{ kind: 'Deployment' }] }, 'ignoreDifferences[0]', 'ignores nothing'],
    [{ ignoreDifferences: [{ kind: 'Deployment', jsonPointers: ['spec/replicas'] }] }, 'ignoreDifferences[0].jsonPointers[0]', 'is not a JSON pointer'],
    [{ project: 'Kube Flow' }, 'project', 'is not a valid'],
  ] as Array<[Partial<ArgoCdApplicationProps>, string, string]>)('rejects %j at %s', (props, field, problem) => {
    const e = constructError(() => new ArgoCdApplication(testStack(), 'App', { ...base, ...props } as ArgoCdApplicationProps));
    expect(e.message).toContain(`test/App: ${field.startsWith('name') ? 'destination.name' : field}: `);
    expect(e.problem).toContain(problem);
  });
});

describe('ArgoCdProject', () => {
  test('renders repositories, destinations and whitelists; valid against the CRD schema', () => {
    const stack = testStack();
    new ArgoCdProject(stack, 'Ml', {
      sourceRepos: [REPO], destinations: [{ server: IN_CLUSTER, namespace: 'team-*' }, { name: 'prod' }],
      clusterResourceWhitelist: [{ group: 'kubeflow.org', kind: 'Profile' }], namespaceResourceWhitelist: [{ group: '', kind: 'ConfigMap' }],
    });
    const p = manifest(stack, 'AppProject');
    expect(p.spec).toEqual({
      sourceRepos: [REPO], destinations: [{ server: IN_CLUSTER, namespace: 'team-*' }, { name: 'prod', namespace: '*' }],
      clusterResourceWhitelist: [{ group: 'kubeflow.org', kind: 'Profile' }], namespaceResourceWhitelist: [{ group: '', kind: 'ConfigMap' }],
    });
    expectSchemaValid(stack);
  });

  test.each([
    [{ sourceRepos: [] }, 'sourceRepos', 'is empty'],
    [{ destinations: [{ server: IN_CLUSTER, name: 'x' }] }, 'destinations[0].name', 'is given with server'],
    [{ destinations: [{ server: IN_CLUSTER, namespace: 'Team A' }] }, 'destinations[0].namespace', 'is not a namespace or namespace glob'],
    [{ clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: 'clusterrole' }] }, 'clusterResourceWhitelist[0].kind', 'is not a Kind'],
  ])('rejects %j at %s', (props, field, problem) => {
    const e = constructError(() => new ArgoCdProject(testStack(), 'P', { sourceRepos: [REPO], destinations: [{ server: IN_CLUSTER }], ...props } as any));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('a project with no destination is a synth error (the delivery adds its destinations at synth)', () => {
    const stack = testStack();
    new ArgoCdProject(stack, 'P', { sourceRepos: [REPO], destinations: [] });
    expect(() => stack.toJson()).toThrow(/test\/P: destinations: is empty/);
  });
});

describe('ArgoCdApplicationSet', () => {
  const template = { name: '{{ .path.basename }}', project: 'kubeflow', source: { repoURL: REPO, path: '{{ .path.path }}', directory: { recurse: true } }, destination: { server: IN_CLUSTER } };

  test('list, git-directories, clusters and matrix generators with Go templates and missingkey=error; valid against the CRD schema', () => {
    const stack = testStack();
    new ArgoCdApplicationSet(stack, 'Stacks', { generators: [Generator.gitDirectories({ repoURL: REPO, directories: [{ path: 'dist/*' }, { path: 'dist/gitops', exclude: true }] })], template });
    new ArgoCdApplicationSet(stack, 'PerCluster', {
      generators: [Generator.matrix(Generator.clusters({ selector: { matchLabels: { env: 'prod' } } }), Generator.list([{ team: 'research' }, { team: 'analytics' }]))],
      template: { ...template, name: '{{ .name }}-{{ .team }}', source: { repoURL: REPO, path: 'dist/{{ .team }}' }, destination: { server: '{{ .server }}' } },
      applicationsSync: ApplicationsSync.CREATE_UPDATE, preserveResourcesOnDeletion: true,
    });
    const [git, matrix] = [manifest(stack, 'ApplicationSet', 'stacks'), manifest(stack, 'ApplicationSet', 'per-cluster')];
    expect(git.spec).toMatchObject({ goTemplate: true, goTemplateOptions: ['missingkey=error'] });
    expect(git.spec.generators).toEqual([{ git: { repoURL: REPO, revision: 'HEAD', directories: [{ path: 'dist/*' }, { path: 'dist/gitops', exclude: true }] } }]);
    expect(git.spec.template.metadata).toEqual({ name: '{{ .path.basename }}' });
    expect(matrix.spec.generators[0].matrix.generators).toEqual([{ clusters: { selector: { matchLabels: { env: 'prod' } } } }, { list: { elements: [{ team: 'research' }, { team: 'analytics' }] } }]);
    expect(matrix.spec.template.spec.destination).toEqual({ server: '{{ .server }}' });
    expect(matrix.spec.syncPolicy).toEqual({ applicationsSync: 'create-update', preserveResourcesOnDeletion: true });
    expectSchemaValid(stack);
  });

  test.each([
    [{ generators: [] }, 'generators', 'is empty'],
    [{ generators: [Generator.list([])] }, 'generators[0]', 'has no elements'],
    [{ template: { ...template, name: 'fixed' } }, 'template.name', 'is the same for every Application'],
    [{ template: { ...template, name: '{{path.basename}}' } }, 'template.name', 'is not a Go template value'],
    [{ template: { ...template, destination: { server: IN_CLUSTER, name: '{{ .name }}' } } }, 'template.destination.name', 'is given with server'],
    [{ generators: [Generator.gitDirectories({ repoURL: REPO, directories: [{ path: 'dist/x', exclude: true }] })] }, 'generators[0].directories', 'includes no folder'],
    [{ generators: [Generator.matrix(Generator.matrix(Generator.matrix(Generator.clusters(), Generator.clusters()), Generator.clusters()), Generator.clusters())] }, 'generators[0].matrix.generators[0]', 'two levels deep'],
  ])('rejects %#: %s', (props, field, problem) => {
    const e = constructError(() => new ArgoCdApplicationSet(testStack(), 'Set', { generators: [Generator.clusters()], template, ...props } as any));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
