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
  const git = Generator.gitDirectories({ repoURL: REPO, directories: [{ path: 'dist/*' }] });

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
    [{ template: { ...template, name: '{{path.basename}}' } }, 'template.name', 'is fasttemplate syntax'],
    [{ template: { ...template, destination: { server: IN_CLUSTER, name: '{{ .name }}' } } }, 'template.destination.name', 'is given with server'],
    [{ generators: [Generator.gitDirectories({ repoURL: REPO, directories: [{ path: 'dist/x', exclude: true }] })] }, 'generators[0].directories', 'includes no folder'],
    [{ generators: [Generator.matrix(Generator.matrix(Generator.matrix(Generator.clusters(), Generator.clusters()), Generator.clusters()), Generator.clusters())] }, 'generators[0].matrix.generators[0]', 'two levels deep'],
    [{ generators: [git], template: { ...template, source: { repoURL: REPO, path: '{{path}}' } } }, 'template.source.path', '"{{path}}" is fasttemplate syntax'],
    [{ generators: [git], template: { ...template, labels: { stack: '{{path.basename}}' } } }, 'template.labels.stack', 'is fasttemplate syntax'],
    [{ generators: [git], template: { ...template, sources: [{ repoURL: REPO, ref: 'v' }, { repoURL: REPO, path: 'p', helm: { valueFiles: ['$v/{{ path.basename }}.yaml'] } }], source: undefined } }, 'template.sources[1].helm.valueFiles[0]', 'is fasttemplate syntax'],
    [{ generators: [Generator.list([{ a: 'x' }])], template: { ...template, name: '{{ .cluster }}', source: { repoURL: REPO, path: 'p' } } }, 'template.name', 'generators[0] (list) provides no "cluster"'],
    [{ generators: [Generator.list([{ team: 'a' }, { other: 'b' }])], template: { ...template, name: '{{ .team }}', source: { repoURL: REPO, path: 'p' } } }, 'template.name', 'provides no "team" in element 1'],
    [{ generators: [Generator.clusters()] }, 'template.name', 'generators[0] (clusters) provides no "path.basename"'],
    [{ generators: [git], template: { ...template, destination: { server: '{{ .server }}' } } }, 'template.destination.server', 'generators[0] (git directories) provides no "server"'],
    [{ generators: [git, Generator.clusters()] }, 'template.name', 'generators[1] (clusters) provides no "path.basename"'],
    [{ generators: [Generator.clusters({ values: { tier: 'gold' } })], template: { ...template, name: '{{ .name }}-{{ .values.zone }}', source: { repoURL: REPO, path: 'p' } } }, 'template.name', 'provides no "values.zone"'],
    [{ generators: [Generator.matrix(git, git)] }, 'generators[0].matrix', 'both generators (git directories, git directories) provide "path"'],
    [{ generators: [Generator.matrix(Generator.list([{ name: 'a' }]), Generator.clusters())] }, 'generators[0].matrix', 'provide "name"'],
  ])('rejects %#: %s', (props, field, problem) => {
    const e = constructError(() => new ArgoCdApplicationSet(testStack(), 'Set', { generators: [git], template, ...props } as any));
    expect(e.constructPath).toBe('test/Set');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
    expect(e.fix).not.toBe('');
  });

  test('fixes name the Go syntax and what the generators provide', () => {
    const fix = (props: object) => constructError(() => new ArgoCdApplicationSet(testStack(), 'Set', { generators: [git], template, ...props } as any)).fix;
    expect(fix({ template: { ...template, source: { repoURL: REPO, path: 'x/{{path[1]}}' } } })).toBe('write {{ index .path.segments 1 }} (Go template: note the dot)');
    expect(fix({ generators: [Generator.clusters()] })).toBe('read one of .name, .nameNormalized, .server, .project, .metadata.labels.<key>, .metadata.annotations.<key>');
    expect(fix({ template: { ...template, name: '{{ .path.base }}' } })).toBe('read one of .path.path, .path.basename, .path.basenameNormalized, .path.segments');
    expect(fix({ generators: [Generator.matrix(git, git)] })).toContain('pathParamPrefix');
  });

  test('accepts what the generators provide: Go functions, pipelines, index, $, literals, labels and values of clusters, prefixed git paths, and control blocks', () => {
    const stack = testStack();
    const apps = Generator.gitDirectories({ repoURL: REPO, directories: [{ path: 'apps/*' }], pathParamPrefix: 'app' });
    new ArgoCdApplicationSet(stack, 'A', {
      generators: [Generator.matrix(Generator.clusters({ values: { tier: 'gold' } }), apps)],
      template: {
        name: '{{ .nameNormalized }}-{{ .app.path.basename | lower }}', labels: { env: '{{ .metadata.labels.env }}', tier: '{{ .values.tier }}', seg: '{{ index .app.path.segments 1 }}' },
        annotations: { note: '{{ printf "%s.x" $.name }}', when: '{{ if eq .name "in-cluster" }}local{{ else }}remote{{ end }}', each: '{{ range .app.path.segments }}{{ .anything }}{{ end }}' },
        project: 'kubeflow', source: { repoURL: REPO, path: '{{ .app.path.path }}' }, destination: { server: '{{ .server }}' },
      },
    });
    new ArgoCdApplicationSet(stack, 'B', { generators: [Generator.list([{ team: 'a', ns: 'x' }, { team: 'b', ns: 'y' }])], template: { ...template, name: '{{ .team }}', source: { repoURL: REPO, path: 'p' }, destination: { server: IN_CLUSTER, namespace: '{{ .ns }}' } } });
    expect(manifest(stack, 'ApplicationSet', 'a').spec.generators[0].matrix.generators[1].git.pathParamPrefix).toBe('app');
    expectSchemaValid(stack);
  });

  test('with no syncPolicy, the generated Applications sync manually (Argo CD\'s default); automated only when asked', () => {
    const stack = testStack();
    new ArgoCdApplicationSet(stack, 'Manual', { generators: [git], template });
    new ArgoCdApplicationSet(stack, 'Auto', { generators: [git], template: { ...template, syncPolicy: { automated: { prune: false } } } });
    expect(manifest(stack, 'ApplicationSet', 'manual').spec.template.spec.syncPolicy.automated).toBeUndefined();
    expect(manifest(stack, 'ApplicationSet', 'auto').spec.template.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: true });
  });
});
