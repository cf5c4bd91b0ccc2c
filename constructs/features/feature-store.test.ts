import { JsonPatch } from 'cdk8s';
import { expectSchemaValid, schemaFindings } from '../../test/schema';
import { constructError, manifest, manifests, testStack, testTenant } from '../../test/util';
import { collectWarnings, Cpu, EnvValue, Size } from '../core';
import { Notebook } from '../notebooks';
import { Tenant } from '../tenancy';
import { PyTorchJob } from '../training';
import { Algorithm, Experiment, Metric, SearchSpace, TrialTemplate } from '../tuning';
import { FeastAuthorization } from './authorization';
import { FeatureStore, FeatureStoreProps } from './feature-store';
import { FeatureRepository } from './repository';
import { OfflineDatabase, OfflineStore, OnlineDatabase, OnlineStore, FeatureRegistry } from './stores';

/** What a server and the materialization job get unless set: the operator sets none, and tenant quotas need them. */
const SERVER = { resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } };
const MATERIALIZATION = { resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } } };

const ONLINE_DATABASES: OnlineDatabase[] = ['snowflake.online', 'redis', 'datastore', 'dynamodb', 'bigtable', 'postgres', 'cassandra', 'mysql', 'hazelcast',
  'singlestore', 'hbase', 'elasticsearch', 'qdrant', 'couchbase.online', 'milvus', 'hybrid', 'mongodb', 'aerospike', 'scylladb'];
const OFFLINE_DATABASES: OfflineDatabase[] = ['snowflake.offline', 'bigquery', 'redshift', 'spark', 'postgres', 'trino', 'athena', 'mssql', 'couchbase.offline',
  'clickhouse', 'ray', 'oracle', 'hybrid'];

function store(props: Partial<FeatureStoreProps> = {}) {
  const stack = testStack();
  const fs = new FeatureStore(stack, 'Features', { project: 'fraud', ...props });
  return { stack, fs, spec: () => manifest(stack, 'FeatureStore').spec };
}

describe('FeatureStore', () => {
  test('the minimal store: the project, Kubernetes authorization as the operator defaults it, the online server', () => {
    const { stack, fs, spec } = store();
    const m = manifest(stack, 'FeatureStore');
    expect(m.apiVersion).toBe('feast.dev/v1');
    expect(m.metadata).toMatchObject({ name: 'features', namespace: 'team' });
    expect(spec()).toEqual({ feastProject: 'fraud', authz: { kubernetes: {} }, services: { onlineStore: {} } });
    expect(fs.clientConfigMapName).toBe('feast-features-client');
    expectSchemaValid(stack);
  });

  test('a production store: git repository, database stores, TLS servers, roles, replicas, materialization', () => {
    const { stack, spec } = store({
      tenant: undefined,
      repository: FeatureRepository.git('https://github.com/acme/features.git', { ref: 'v1.4.0', path: 'fraud' }),
      onlineStore: OnlineStore.database('redis', { secretName: 'feast-stores' }),
      offlineStore: OfflineStore.database('postgres', { secretName: 'feast-stores', key: 'offline-postgres' }),
      registry: FeatureRegistry.database('sql', { secretName: 'feast-stores' }),
      servers: {
        online: { resources: { cpu: { request: Cpu.units(1) }, memory: { request: Size.gibibytes(2) } }, tls: { secretName: 'feast-online-tls' }, logLevel: 'info' },
        offline: { tls: { secretName: 'feast-offline-tls' } },
        registry: { restApi: true, tls: { secretName: 'feast-registry-tls', certKey: 'cert.pem', keyKey: 'key.pem' } },
        ui: {},
      },
      authorization: FeastAuthorization.kubernetes(['feast-reader', 'feast-writer']),
      replicas: 3,
      materialization: { schedule: '@hourly', timeZone: 'Europe/Berlin' },
    });
    expect(spec()).toEqual({
      feastProject: 'fraud',
      feastProjectDir: { git: { url: 'https://github.com/acme/features.git', ref: 'v1.4.0', featureRepoPath: 'fraud' } },
      replicas: 3,
      authz: { kubernetes: { roles: ['feast-reader', 'feast-writer'] } },
      cronJob: { schedule: '@hourly', timeZone: 'Europe/Berlin', containerConfigs: MATERIALIZATION },
      services: {
        onlineStore: {
          persistence: { store: { type: 'redis', secretRef: { name: 'feast-stores' } } },
          // cpu and memory given: each replaces its default whole.
          server: { logLevel: 'info', resources: { requests: { cpu: '1', memory: '2Gi' } }, tls: { secretRef: { name: 'feast-online-tls' } } },
        },
        offlineStore: {
          persistence: { store: { type: 'postgres', secretRef: { name: 'feast-stores' }, secretKeyName: 'offline-postgres' } },
          server: { ...SERVER, tls: { secretRef: { name: 'feast-offline-tls' } } },
        },
        registry: {
          local: {
            persistence: { store: { type: 'sql', secretRef: { name: 'feast-stores' } } },
            server: { ...SERVER, restAPI: true, tls: { secretRef: { name: 'feast-registry-tls' }, secretKeyNames: { tlsCrt: 'cert.pem', tlsKey: 'key.pem' } } },
          },
        },
        ui: SERVER,
      },
    });
    expectSchemaValid(stack);
  });

  test.each(ONLINE_DATABASES)('online store database %s renders and validates', (type) => {
    const { stack, spec } = store({ onlineStore: OnlineStore.database(type, { secretName: 'creds' }) });
    expect(spec().services.onlineStore.persistence).toEqual({ store: { type, secretRef: { name: 'creds' } } });
    expectSchemaValid(stack);
  });

  test.each(OFFLINE_DATABASES)('offline store database %s renders and validates', (type) => {
    const { stack, spec } = store({ offlineStore: OfflineStore.database(type, { secretName: 'creds', key: 'offline' }) });
    expect(spec().services.offlineStore.persistence).toEqual({ store: { type, secretRef: { name: 'creds' }, secretKeyName: 'offline' } });
    expectSchemaValid(stack);
  });

  test.each([
    ['SQLite in the pod', OnlineStore.file({ path: '/data/online.db' }), { file: { path: '/data/online.db' } }],
    ['SQLite on a new claim', OnlineStore.file({ path: 'online.db', claim: { mountPath: '/data/online', size: Size.gibibytes(10), storageClass: 'fast' } }),
      { file: { path: 'online.db', pvc: { mountPath: '/data/online', create: { storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } } } } }],
    ['SQLite on an existing claim', OnlineStore.file({ claim: { claimName: 'feast-online', mountPath: '/data/online' } }),
      { file: { pvc: { mountPath: '/data/online', ref: { name: 'feast-online' } } } }],
  ])('online store file: %s', (_, online, persistence) => {
    const { stack, spec } = store({ onlineStore: online });
    expect(spec().services.onlineStore.persistence).toEqual(persistence);
    expectSchemaValid(stack);
  });

  test.each(['file', 'dask', 'duckdb'] as const)('offline store file in format %s, on a claim the operator creates', (format) => {
    const { stack, spec } = store({ offlineStore: OfflineStore.file({ format, claim: { mountPath: '/data/offline' } }) });
    expect(spec().services.offlineStore).toEqual({ persistence: { file: { type: format, pvc: { mountPath: '/data/offline', create: {} } } } });
    expectSchemaValid(stack);
  });

  test.each([
    ['a file in a bucket', FeatureRegistry.file({ path: 's3://acme-feast/registry.db', cacheTtlSeconds: 60 }), { local: { persistence: { file: { path: 's3://acme-feast/registry.db', cache_ttl_seconds: 60 } } } }],
    ['a file on a claim', FeatureRegistry.file({ path: 'registry.db', claim: { claimName: 'feast-registry', mountPath: '/data/registry' } }),
      { local: { persistence: { file: { path: 'registry.db', pvc: { mountPath: '/data/registry', ref: { name: 'feast-registry' } } } } } }],
    ['Snowflake', FeatureRegistry.database('snowflake.registry', { secretName: 'snow' }), { local: { persistence: { store: { type: 'snowflake.registry', secretRef: { name: 'snow' } } } } }],
    ['a remote host', FeatureRegistry.remote('feast-shared-registry.features.svc.cluster.local:80'), { remote: { hostname: 'feast-shared-registry.features.svc.cluster.local:80' } }],
    ['another store', FeatureRegistry.of({ name: 'shared', namespace: 'features' }), { remote: { feastRef: { name: 'shared', namespace: 'features' } } }],
  ])('registry: %s', (_, registry, rendered) => {
    const { stack, spec } = store({ registry });
    expect(spec().services.registry).toEqual(rendered);
    expectSchemaValid(stack);
  });

  test.each([
    ['an image', FeatureRepository.image('ghcr.io/acme/features:1.0', '/app/feature_repo'), { packaged: { image: 'ghcr.io/acme/features:1.0', featureRepoPath: '/app/feature_repo' } }],
    ['feast init', FeatureRepository.init({ template: 'postgres', minimal: true }), { init: { template: 'postgres', minimal: true } }],
  ])('repository from %s', (_, repository, rendered) => {
    const { stack, spec } = store({ repository });
    expect(spec().feastProjectDir).toEqual(rendered);
    expectSchemaValid(stack);
  });

  test.each([
    ['OIDC', FeastAuthorization.oidc({ issuerUrl: 'https://sso.example.com/realms/ml', secretName: 'feast-oidc', tokenEnvVar: 'FEAST_TOKEN', verifySsl: true }),
      { oidc: { issuerUrl: 'https://sso.example.com/realms/ml', secretRef: { name: 'feast-oidc' }, tokenEnvVar: 'FEAST_TOKEN', verifySSL: true } }],
    ['none', FeastAuthorization.none(), { noAuth: true }],
  ])('authorization: %s', (_, authorization, authz) => {
    const { stack, spec } = store({ authorization });
    expect(spec().authz).toEqual(authz);
    expectSchemaValid(stack);
  });

  test('the online server can be turned off; the offline server runs on the default file store', () => {
    const { stack, spec } = store({ servers: { online: false, offline: {} } });
    expect(spec().services).toEqual({ onlineStore: { disabled: true }, offlineStore: { server: SERVER } });
    expectSchemaValid(stack);
  });

  test('materialization with its own image and commands', () => {
    const { spec } = store({ materialization: { schedule: '0 */6 * * *', image: 'bitnami/kubectl:1.33', commands: ['feast materialize-incremental $(date -u +%FT%T)'], suspend: false } });
    expect(spec().cronJob).toEqual({
      schedule: '0 */6 * * *', suspend: false, containerConfigs: { image: 'bitnami/kubectl:1.33', commands: ['feast materialize-incremental $(date -u +%FT%T)'], ...MATERIALIZATION },
    });
  });

  test('pod annotations (e.g. no Istio sidecar), a private repository\'s credentials from a Secret, a remote registry over TLS', () => {
    const { stack, spec } = store({
      podAnnotations: { 'sidecar.istio.io/inject': 'false' },
      repository: FeatureRepository.git('https://git.example.com/private/features.git', {
        configs: { 'http.extraHeader': 'Authorization: Bearer $GIT_TOKEN' }, env: { GIT_TOKEN: EnvValue.fromSecret('git-token', 'token') },
      }),
      registry: FeatureRegistry.remote('feast-shared-registry.features.svc.cluster.local:443', { tls: { configMapName: 'registry-ca', certName: 'ca.crt' } }),
    });
    expect(spec().services.podAnnotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
    expect(spec().feastProjectDir.git.env).toEqual([{ name: 'GIT_TOKEN', valueFrom: { secretKeyRef: { name: 'git-token', key: 'token' } } }]);
    expect(spec().services.registry.remote).toEqual({ hostname: 'feast-shared-registry.features.svc.cluster.local:443', tls: { configMapRef: { name: 'registry-ca' }, certName: 'ca.crt' } });
    expectSchemaValid(stack);
  });

  test('another store\'s registry must be served over gRPC, and not be the store\'s own', () => {
    const stack = testStack();
    const plain = new FeatureStore(stack, 'Plain', { project: 'plain' });
    expect(constructError(() => new FeatureStore(stack, 'Reader', { project: 'reader', registry: FeatureRegistry.of(plain) })).message)
      .toMatch(/registry: is the registry of test\/Plain, which runs no gRPC registry server\n {2}fix: give test\/Plain servers: \{ registry: \{\} \}/);
    expect(constructError(() => new FeatureStore(stack, 'Loop', { project: 'loop', registry: FeatureRegistry.of({ name: 'loop', namespace: 'team' }) })).message)
      .toMatch(/registry: is this store's own registry/);
    const shared = new FeatureStore(stack, 'Shared', { project: 'shared', servers: { registry: {} } });
    new FeatureStore(stack, 'Reader2', { project: 'reader', registry: FeatureRegistry.of(shared) });
    expectSchemaValid(stack);
  });

  test('in a tenant whose quota needs requests and that gives no container defaults, synth warns: the operator\'s init containers state none', () => {
    const stack = testStack();
    const quota = { cpu: Cpu.units(8), memory: Size.gibibytes(32) };
    const bare = new Tenant(stack, 'Bare', { owner: 'a@example.com', quota });
    new FeatureStore(stack, 'Features', { tenant: bare, project: 'fraud' });
    const covered = new Tenant(stack, 'Covered', { owner: 'a@example.com', quota, containerDefaults: { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(256) } } });
    new FeatureStore(stack, 'CoveredFeatures', { tenant: covered, project: 'fraud' });
    expect(collectWarnings(stack).map((w) => `${w.constructPath} ${w.field}: ${w.message}`)).toEqual([
      expect.stringMatching(/^test\/Features tenant: the Feast operator adds init containers without resources .* tenant bare's quota on requests\.cpu, requests\.memory rejects/),
    ]);
  });

  describe('bad input is a construct error naming the prop', () => {
    test.each<[string, Partial<FeatureStoreProps>, RegExp]>([
      ['project', { project: '-fraud' }, /project: "-fraud" is not a Feast project name/],
      ['name', { name: 'a-very-long-feature-store-name-that-will-not-fit-the-operator' }, /name: .*feast-a-very-long.*-registry-rest/s],
      ['replicas', { replicas: 0 }, /replicas: must be a whole number ≥ 1, got 0/],
      ['online bucket', { onlineStore: OnlineStore.file({ path: 's3://b/online.db' }) }, /onlineStore\.path: "s3:\/\/b\/online\.db" is an object store URI/],
      ['online relative', { onlineStore: OnlineStore.file({ path: 'online.db' }) }, /onlineStore\.path: "online\.db" is relative; without a claim the path is absolute/],
      ['online slash on claim', { onlineStore: OnlineStore.file({ path: 'a/b.db', claim: { mountPath: '/d' } }) }, /onlineStore\.path: "a\/b\.db" has a slash; on a claim the path is a file name/],
      ['claim mount path', { onlineStore: OnlineStore.file({ claim: { mountPath: 'data' } }) }, /onlineStore\.claim\.mountPath: "data" is not an absolute path/],
      ['size of existing claim', { offlineStore: OfflineStore.file({ claim: { claimName: 'x', size: Size.gibibytes(1), mountPath: '/d' } }) }, /offlineStore\.claim\.size: is set for an existing claim/],
      ['secret name', { onlineStore: OnlineStore.database('redis', { secretName: 'Feast_Stores' }) }, /onlineStore\.secretName/],
      ['secret key', { onlineStore: OnlineStore.database('redis', { secretName: 's', key: 'a/b' }) }, /onlineStore\.key: "a\/b" is not a Secret key/],
      ['secret key length', { onlineStore: OnlineStore.database('redis', { secretName: 's', key: 'k'.repeat(254) }) }, /onlineStore\.key: "k{254}" is not a Secret key/],
      ['registry relative', { registry: FeatureRegistry.file({ path: 'registry.db' }) }, /registry\.path: "registry\.db" is neither absolute nor an s3:\/\/ or gs:\/\/ URI/],
      ['registry bucket and claim', { registry: FeatureRegistry.file({ path: 'gs://b/r.db', claim: { mountPath: '/d' } }) }, /registry\.claim: is set, and the path "gs:\/\/b\/r\.db" is a bucket/],
      ['registry TTL', { registry: FeatureRegistry.file({ cacheTtlSeconds: -1 }) }, /registry\.cacheTtlSeconds: must be a whole number ≥ 0, got -1/],
      ['remote host', { registry: FeatureRegistry.remote('http://registry') }, /registry\.hostname: "http:\/\/registry" is not host:port/],
      ['remote and registry server', { registry: FeatureRegistry.remote('r.ns.svc:80'), servers: { registry: {} } }, /servers\.registry: is set, and the registry is remote/],
      ['registry serving nothing', { servers: { registry: { grpc: false } } }, /servers\.registry\.grpc: is false, and restApi is not set/],
      ['git URL', { repository: FeatureRepository.git('github.com/acme/features') }, /repository\.url: "github\.com\/acme\/features" is not a git URL/],
      ['git path', { repository: FeatureRepository.git('https://g/r.git', { path: '/abs' }) }, /repository\.path: "\/abs" is not a folder inside the repository/],
      ['image path', { repository: FeatureRepository.image('ghcr.io/a/b:1', '/app/../repo') }, /repository\.path: "\/app\/\.\.\/repo" is not a canonical absolute folder/],
      ['image', { repository: FeatureRepository.image('not an image', '/app') }, /repository\.image: "not an image" is not a valid image reference/],
      ['roles', { authorization: FeastAuthorization.kubernetes(['reader', 'reader']) }, /authorization\.roles: lists a role twice/],
      ['issuer', { authorization: FeastAuthorization.oidc({ issuerUrl: 'http://sso' }) }, /authorization\.issuerUrl: "http:\/\/sso" is not an https URL/],
      ['server image', { servers: { ui: { image: 'UI IMAGE' } } }, /servers\.ui\.image/],
      ['TLS secret', { servers: { online: { tls: { secretName: 'TLS' } } } }, /servers\.online\.tls\.secretName/],
      ['schedule', { materialization: { schedule: 'hourly' } }, /materialization\.schedule: 'hourly' is not a cron schedule/],
      ['commands', { materialization: { schedule: '@daily', commands: [] } }, /materialization\.commands: is empty/],
      ['scaled file online store', { replicas: 2 }, /onlineStore: keeps data in each pod, and replicas is 2/],
      ['scaled file offline store', { replicas: 2, onlineStore: OnlineStore.database('redis', { secretName: 's' }), offlineStore: OfflineStore.file() }, /offlineStore: keeps data in each pod/],
      ['scaled file registry', { replicas: 2, onlineStore: OnlineStore.database('redis', { secretName: 's' }) }, /registry: is a file in each pod, and replicas is 2\n {2}fix: use FeatureRegistry\.database/],
      ['scaled offline server on files', { replicas: 2, onlineStore: OnlineStore.database('redis', { secretName: 's' }), servers: { offline: {} } }, /offlineStore: keeps data in each pod, and replicas is 2/],
      ['no server', { servers: { online: false } }, /servers: runs no server/],
      ['time zone', { materialization: { schedule: '@daily', timeZone: 'Mars/Olympus' } }, /materialization\.timeZone: "Mars\/Olympus" is not an IANA time zone/],
      ['pod annotations', { podAnnotations: { 'bad key!': 'x' } }, /podAnnotations/],
      ['git env', { repository: FeatureRepository.git('https://g/r.git', { env: { '1BAD': 'x' } }) }, /repository\.env/],
      ['remote TLS', { registry: FeatureRegistry.remote('r.ns.svc:443', { tls: { configMapName: 'ca', certName: 'a/b' } }) }, /registry\.tls\.certName: "a\/b" is not a ConfigMap key/],
    ])('%s', (_, props, message) => {
      expect(constructError(() => store(props)).message).toMatch(message);
    });
  });

  test('several replicas with a registry in a bucket are allowed (the CRD rule)', () => {
    const { stack } = store({ replicas: 2, onlineStore: OnlineStore.database('redis', { secretName: 's' }), registry: FeatureRegistry.file({ path: 'gs://acme/registry.db' }) });
    expectSchemaValid(stack);
  });

  test('the CRD\'s CEL rules apply to what escape hatches write', () => {
    const { stack, fs } = store();
    fs.apiObject.addJsonPatch(JsonPatch.add('/spec/authz/noAuth', true));
    expect(schemaFindings(stack).map((f) => `${f.path}: ${f.message}`)).toEqual([expect.stringMatching(/\.spec\.authz.*One selection required between kubernetes, oidc, or noAuth/)]);
  });
});

describe('FeatureStore.grantAccess', () => {
  function platform(props: Partial<FeatureStoreProps> = {}) {
    const stack = testStack();
    const tenant = testTenant(stack);
    const fs = new FeatureStore(stack, 'Features', { tenant, project: 'fraud', servers: { registry: {} }, ...props });
    const notebook = new Notebook(stack, 'Lab', { tenant });
    const job = new PyTorchJob(stack, 'Train', { namespace: 'team', worker: { image: 'ghcr.io/acme/train:1.0', replicas: 2, pod: { serviceAccountName: 'trainer' } } });
    return { stack, fs, notebook, job };
  }

  test('one call configures a notebook and a training job of the tenant: a PodDefault both select, RoleBindings of their service accounts', () => {
    const { stack, fs, notebook, job } = platform({ authorization: FeastAuthorization.kubernetes(['feast-reader']) });
    const pd = fs.grantAccess([notebook, job]);
    expect(pd.selectorLabels).toEqual({ 'feast-features-client': 'true' });
    const podDefault = manifest(stack, 'PodDefault');
    expect(podDefault.spec).toEqual({
      desc: 'Feast feature store fraud (features)',
      selector: { matchLabels: { 'feast-features-client': 'true' } },
      env: [{ name: 'FEAST_FS_YAML_FILE_PATH', value: '/opt/feast/feature_store.yaml' }],
      volumes: [{ name: 'feast-client', configMap: { name: 'feast-features-client', items: [{ key: 'feature_store.yaml', path: 'feature_store.yaml' }] } }],
      volumeMounts: [{ name: 'feast-client', mountPath: '/opt/feast', readOnly: true }],
      automountServiceAccountToken: true,
    });
    // The notebook carries the label the notebook controller copies to its pod; the job's pods carry it.
    expect(manifest(stack, 'Notebook').metadata.labels).toMatchObject({ 'feast-features-client': 'true' });
    expect(manifest(stack, 'PyTorchJob').spec.pytorchReplicaSpecs.Worker.template.metadata.labels).toMatchObject({ 'feast-features-client': 'true' });
    expect(manifest(stack, 'RoleBinding', 'feast-features-access-feast-reader')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'feast-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'default-editor', namespace: 'team' }, { kind: 'ServiceAccount', name: 'trainer', namespace: 'team' }],
    });
    expectSchemaValid(stack);
  });

  test('later calls reuse the PodDefault and add service accounts (e.g. pipeline steps as default-editor) to the same bindings', () => {
    const { stack, fs, notebook, job } = platform({ authorization: FeastAuthorization.kubernetes(['reader', 'writer']) });
    const first = fs.grantAccess([notebook], { roles: ['reader'] });
    const second = fs.grantAccess([job], { serviceAccounts: ['pipeline-runner'] });
    expect(second).toBe(first);
    expect(manifests(stack).filter((m) => m.kind === 'PodDefault')).toHaveLength(1);
    expect(manifest(stack, 'RoleBinding', 'feast-features-access-reader').subjects.map((s: any) => s.name)).toEqual(['default-editor', 'pipeline-runner', 'trainer']);
    expect(manifest(stack, 'RoleBinding', 'feast-features-access-writer').subjects.map((s: any) => s.name)).toEqual(['pipeline-runner', 'trainer']);
  });

  test('TLS servers: only their certificates are mounted where the client configuration expects them', () => {
    const { stack, fs, notebook } = platform({ servers: { online: { tls: { secretName: 'online-tls' } }, registry: { tls: { secretName: 'registry-tls', certKey: 'ca.crt' } } } });
    fs.grantAccess([notebook]);
    const spec = manifest(stack, 'PodDefault').spec;
    expect(spec.volumes.slice(1)).toEqual([
      { name: 'feast-online-tls', secret: { secretName: 'online-tls', items: [{ key: 'tls.crt', path: 'tls.crt' }] } },
      { name: 'feast-registry-tls', secret: { secretName: 'registry-tls', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    ]);
    expect(spec.volumeMounts.slice(1).map((m: any) => m.mountPath)).toEqual(['/tls/online', '/tls/registry']);
  });

  test('without authorization no token is forced and no binding is made', () => {
    const { stack, fs, notebook } = platform({ authorization: FeastAuthorization.none() });
    fs.grantAccess([notebook]);
    expect(manifest(stack, 'PodDefault').spec.automountServiceAccountToken).toBeUndefined();
    expect(manifests(stack).filter((m) => m.kind === 'RoleBinding' && m.metadata.name.startsWith('feast-'))).toEqual([]);
  });

  test('OIDC: the clients\' token in the variable the authorization names; without one, clients present their service-account token', () => {
    const oidc = FeastAuthorization.oidc({ issuerUrl: 'https://sso.example.com/realms/ml', tokenEnvVar: 'FEAST_TOKEN' });
    const { stack, fs, notebook } = platform({ authorization: oidc });
    fs.grantAccess([notebook], { oidcToken: EnvValue.fromSecret('feast-token', 'token') });
    expect(manifest(stack, 'PodDefault').spec.env).toEqual([
      { name: 'FEAST_FS_YAML_FILE_PATH', value: '/opt/feast/feature_store.yaml' },
      { name: 'FEAST_TOKEN', valueFrom: { secretKeyRef: { name: 'feast-token', key: 'token' } } },
    ]);
    expect(constructError(() => fs.grantAccess([notebook], { oidcToken: EnvValue.fromSecret('other', 'token') })).message).toMatch(/grantAccess\.oidcToken: is set after the first grantAccess call/);
    const k8s = platform();
    expect(constructError(() => k8s.fs.grantAccess([k8s.notebook], { oidcToken: EnvValue.fromSecret('t', 'token') })).message).toMatch(/grantAccess\.oidcToken: is set, and the store's authorization is kubernetes/);
  });

  test('clients that are not constructs of the store\'s stack: a Katib trial job selects the returned PodDefault', () => {
    const { stack, fs } = platform({ authorization: FeastAuthorization.kubernetes(['feast-reader']) });
    const podDefault = fs.grantAccess([], { serviceAccounts: ['default'] });
    const lr = SearchSpace.double('lr', { min: 0.001, max: 0.1 });
    new Experiment(stack, 'Tune', {
      namespace: 'team', objective: Metric.maximize('auc'), algorithm: Algorithm.random(), parameters: [lr], maxTrialCount: 4,
      trialTemplate: TrialTemplate.fromJob((scope) => new PyTorchJob(scope, 'Trial', {
        namespace: 'team', podDefaults: [podDefault], worker: { image: 'ghcr.io/acme/train:1.0', args: [`--lr=${lr.ref}`] },
      })),
    });
    const trial = manifest(stack, 'Experiment').spec.trialTemplate.trialSpec;
    expect(trial.spec.pytorchReplicaSpecs.Worker.template.metadata.labels).toMatchObject(podDefault.selectorLabels);
    expect(manifest(stack, 'RoleBinding', 'feast-features-access-feast-reader').subjects.map((s: any) => s.name)).toEqual(['default']);
    expectSchemaValid(stack);
  });

  test('errors: no registry for clients, an unknown role, a client of another namespace', () => {
    const stack = testStack();
    const noRegistry = new FeatureStore(stack, 'Bare', { project: 'p' });
    const lab = new Notebook(stack, 'Lab', {});
    expect(constructError(() => noRegistry.grantAccess([lab])).message).toMatch(/servers\.registry: is not set, so the client configuration has no registry[\s\S]*fix: run the registry server/);
    const { fs, notebook } = platform({ authorization: FeastAuthorization.kubernetes(['reader']) });
    expect(constructError(() => fs.grantAccess([notebook], { roles: ['admin'] })).message).toMatch(/grantAccess\.roles: names "admin", which the store's Kubernetes authorization does not list\n {2}fix: use one of: reader/);
    const long = platform({ authorization: FeastAuthorization.kubernetes(['r'.repeat(232)]) });
    expect(constructError(() => long.fs.grantAccess([long.notebook])).message).toMatch(/authorization\.roles: role "r{20}…" makes the RoleBinding name 254 characters long; Kubernetes allows 253\n {2}fix: shorten the role name to at most 231 characters/);
    const other = new Notebook(fs.node.scope!, 'Elsewhere', { namespace: 'other' });
    expect(constructError(() => fs.grantAccess([other])).message).toMatch(/grantAccess\.clients\[0\]: test\/Elsewhere runs in namespace "other", and the store in "team"/);
  });
});
