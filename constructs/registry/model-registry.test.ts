import { ApiObject } from 'cdk8s';
import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, manifests, testStack } from '../../test/util';
import { Cpu, Release, Size } from '../core';
import { Tenant } from '../tenancy';
import { RegistryDatabase } from './database';
import { ModelRegistry, ModelRegistryProps } from './model-registry';

const passwordSecret = { name: 'registry-db', key: 'password' };
const mysql = RegistryDatabase.mysql({ passwordSecret });
/** Every release preset, by name: the objects validate against each one's schemas. */
const presets = Release.presets().map((r) => [r.name, r] as const);
const secretRef = (name: string, key: string) => ({ valueFrom: { secretKeyRef: { name, key } } });

/** The one container of a workload's pod template. */
function containerOf(kind: string, name?: string) {
  return (stack: ReturnType<typeof testStack>) => manifest(stack, kind, name).spec.template.spec.containers[0];
}

describe('ModelRegistry', () => {
  test('the server: upstream\'s command, args, probes and port, hardened, its DSN from env, no service-account token', () => {
    const stack = testStack();
    const registry = new ModelRegistry(stack, 'Registry', { database: mysql });
    expect([registry.name, registry.namespace, registry.image]).toEqual(['model-registry-service', 'team', 'ghcr.io/kubeflow/model-registry/server:v0.3.8']);
    expect(registry.url).toBe('http://model-registry-service.team.svc.cluster.local:8080');
    const deployment = manifest(stack, 'Deployment');
    expect(deployment.metadata).toMatchObject({ name: 'model-registry-service', namespace: 'team', labels: expect.objectContaining({ component: 'model-registry-server' }) });
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/instance': 'model-registry-service', 'component': 'model-registry-server' } });
    const pod = deployment.spec.template;
    // The selector's labels and the standard ones, nothing that depends on the construct's path.
    expect(pod.metadata.labels).toEqual({
      'app.kubernetes.io/instance': 'model-registry-service', 'app.kubernetes.io/name': 'model-registry', 'app.kubernetes.io/component': 'server', 'component': 'model-registry-server',
    });
    expect(pod.metadata.annotations).toEqual({ 'traffic.sidecar.istio.io/excludeOutboundPorts': '3306' });
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(pod.spec.serviceAccountName).toBeUndefined();
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true });
    const c = containerOf('Deployment')(stack);
    expect(c).toMatchObject({
      name: 'rest-container',
      image: 'ghcr.io/kubeflow/model-registry/server:v0.3.8',
      imagePullPolicy: 'IfNotPresent',
      command: ['/model-registry', 'proxy'],
      args: ['--hostname=0.0.0.0', '--port=8080', '--datastore-type=embedmd', '--embedmd-database-type=mysql', '--embedmd-database-dsn=$(MODEL_REGISTRY_DSN)'],
      ports: [{ containerPort: 8080, name: 'http-api' }],
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    });
    // The password comes from the Secret, before the DSN that references it.
    expect(c.env).toEqual([
      { name: 'DB_PASSWORD', ...secretRef('registry-db', 'password') },
      { name: 'MODEL_REGISTRY_DSN', value: 'root:$(DB_PASSWORD)@tcp(model-registry-service-db:3306)/metadb?charset=utf8mb4' },
    ]);
    expect(c.startupProbe).toEqual({ httpGet: { path: '/readyz/isDirty', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 6 });
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/readyz/isDirty', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/readyz/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
    expect(c.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: false,
      capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(JSON.stringify(manifests(stack))).not.toContain('cdk8s.io/metadata.addr');
    expect(manifests(stack).filter((m) => m.kind === 'ServiceAccount')).toEqual([]);
  });

  test('the Service: what the Kubeflow UI discovers and the storage initializer addresses', () => {
    const stack = testStack();
    const registry = new ModelRegistry(stack, 'Registry', { database: mysql, displayName: 'Team registry', description: 'Models of team A' });
    const service = manifest(stack, 'Service', 'model-registry-service');
    expect(ApiObject.of(registry).toJson()).toMatchObject({ kind: 'Service', metadata: { name: 'model-registry-service' } });
    expect(service.metadata.labels).toMatchObject({ 'component': 'model-registry', 'app.kubernetes.io/component': 'model-registry', 'app.kubernetes.io/instance': 'model-registry-service' });
    expect(service.metadata.annotations).toMatchObject({ displayName: 'Team registry', description: 'Models of team A' });
    expect(service.spec).toMatchObject({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/instance': 'model-registry-service', 'component': 'model-registry-server' },
      ports: [{ name: 'http-api', port: 8080, targetPort: 8080, appProtocol: 'http' }],
    });
  });

  test.each(presets)('MySQL in the cluster: a StatefulSet with its volume and a Service, valid for %s', (_, release) => {
    const stack = testStack({ namespace: 'team', release });
    new ModelRegistry(stack, 'Registry', { database: mysql });
    expect(manifests(stack).map((m) => `${m.kind} ${m.metadata.name}`).sort()).toEqual([
      'Deployment model-registry-service', 'Service model-registry-service', 'Service model-registry-service-db', 'StatefulSet model-registry-service-db',
    ]);
    const sts = manifest(stack, 'StatefulSet');
    expect(sts.spec).toMatchObject({ replicas: 1, serviceName: 'model-registry-service-db', selector: { matchLabels: { 'app.kubernetes.io/instance': 'model-registry-service', 'component': 'model-registry-db' } } });
    expect(sts.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }]);
    const pod = sts.spec.template;
    expect(pod.metadata.labels).toMatchObject({ 'component': 'model-registry-db', 'sidecar.istio.io/inject': 'false' });
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, fsGroup: 999 });
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(pod.spec.volumes).toBeUndefined();
    const c = pod.spec.containers[0];
    expect(c).toMatchObject({
      name: 'db-container', image: 'mysql:8.4', imagePullPolicy: 'IfNotPresent', args: ['--datadir', '/var/lib/mysql/datadir'],
      ports: [{ containerPort: 3306, name: 'dbapi' }], volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }],
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      securityContext: expect.objectContaining({ runAsUser: 999, runAsGroup: 999, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }),
    });
    expect(c.env).toEqual([{ name: 'MYSQL_ROOT_PASSWORD', ...secretRef('registry-db', 'password') }, { name: 'MYSQL_DATABASE', value: 'metadb' }]);
    expect(c.readinessProbe.exec.command).toEqual(['sh', '-c', 'MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql -h 127.0.0.1 -u root -D "$MYSQL_DATABASE" -e "SELECT 1"']);
    expect(c.startupProbe).toBeUndefined();
    expect(manifest(stack, 'Service', 'model-registry-service-db').spec).toMatchObject({
      selector: { 'app.kubernetes.io/instance': 'model-registry-service', 'component': 'model-registry-db' },
      ports: [{ name: 'dbapi', port: 3306, targetPort: 3306 }],
    });
    expectSchemaValid(stack);
  });

  test.each(presets)('PostgreSQL in the cluster, with its own size, class, database and image; valid for %s', (_, release) => {
    const stack = testStack({ namespace: 'team', release });
    new ModelRegistry(stack, 'Registry', {
      database: RegistryDatabase.postgres({ passwordSecret, storage: Size.gibibytes(1.5), storageClass: 'fast-ssd', database: 'registry', image: 'postgres:16.4-alpine' }),
    });
    expect(containerOf('Deployment')(stack).args).toContain('--embedmd-database-type=postgres');
    expect(containerOf('Deployment')(stack).env[1]).toEqual({
      name: 'MODEL_REGISTRY_DSN', value: 'postgresql://root:$(DB_PASSWORD)@model-registry-service-db:5432/registry?sslmode=disable',
    });
    expect(manifest(stack, 'Deployment').spec.template.metadata.annotations).toEqual({ 'traffic.sidecar.istio.io/excludeOutboundPorts': '5432' });
    const sts = manifest(stack, 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '1536Mi' } } });
    expect(sts.spec.template.spec.securityContext).toMatchObject({ fsGroup: 70 });
    const c = sts.spec.template.spec.containers[0];
    expect(c).toMatchObject({ image: 'postgres:16.4-alpine', ports: [{ containerPort: 5432, name: 'dbapi' }], volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }] });
    expect(c.args).toBeUndefined();
    expect(c.securityContext).toMatchObject({ runAsUser: 70, runAsGroup: 70 });
    expect(c.env).toEqual([
      { name: 'POSTGRES_PASSWORD', ...secretRef('registry-db', 'password') },
      { name: 'POSTGRES_DB', value: 'registry' }, { name: 'POSTGRES_USER', value: 'root' }, { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ]);
    expect(c.readinessProbe).toEqual({ exec: { command: ['pg_isready', '-h', '127.0.0.1', '-p', '5432', '-U', 'root', '-d', 'registry'] }, initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 });
    expectSchemaValid(stack);
  });

  test.each(presets)('an external database: only the server and its Service, the DSN from a Secret; valid for %s', (_, release) => {
    const stack = testStack({ namespace: 'team', release });
    new ModelRegistry(stack, 'Registry', { database: RegistryDatabase.external({ type: 'postgres', dsnSecret: { name: 'registry-dsn', key: 'dsn' } }) });
    expect(manifests(stack).map((m) => m.kind).sort()).toEqual(['Deployment', 'Service']);
    const c = containerOf('Deployment')(stack);
    expect(c.args).toContain('--embedmd-database-type=postgres');
    expect(c.args).toContain('--embedmd-database-dsn=$(MODEL_REGISTRY_DSN)');
    expect(c.env).toEqual([{ name: 'MODEL_REGISTRY_DSN', ...secretRef('registry-dsn', 'dsn') }]);
    expect(manifest(stack, 'Deployment').spec.template.metadata.annotations).toBeUndefined();
    expectSchemaValid(stack);
  });

  test('the platform policies pass: security baseline, resources, no secrets in env values, pinned images, the tenant quota', () => {
    const rules = { 'platform/security-baseline': 'error', 'platform/resources-required': 'error', 'platform/secret-env': 'error', 'platform/image-pinned': 'error' } as const;
    const stack = testStack({ namespace: 'team', policies: { rules } });
    new Tenant(stack, 'team', { owner: 'a@b.co', quota: { cpu: Cpu.units(8), memory: Size.gibibytes(16) } });
    new ModelRegistry(stack, 'Mysql', { name: 'mysql-registry', database: mysql });
    new ModelRegistry(stack, 'Postgres', { name: 'postgres-registry', database: RegistryDatabase.postgres({ passwordSecret }) });
    expect(policyFindings(stack)).toEqual([]);
  });

  test('tenant, name, version, replicas, resources and metadata', () => {
    const stack = testStack();
    const tenant = new Tenant(stack, 'ml', { owner: 'a@b.co' });
    const registry = new ModelRegistry(stack, 'Registry', {
      tenant, name: 'models', version: '0.3.7', replicas: 2, database: mysql,
      resources: { memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1) } },
      metadata: { labels: { team: 'ml' }, annotations: { note: 'x' } },
    });
    expect([registry.name, registry.namespace]).toEqual(['models', 'ml']);
    const deployment = manifest(stack, 'Deployment');
    expect(deployment.metadata).toMatchObject({ name: 'models', namespace: 'ml' });
    expect(deployment.spec.replicas).toBe(2);
    const c = deployment.spec.template.spec.containers[0];
    expect(c.image).toBe('ghcr.io/kubeflow/model-registry/server:v0.3.7');
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(c.env[1].value).toContain('@tcp(models-db:3306)/');
    expect(manifest(stack, 'StatefulSet').metadata.name).toBe('models-db');
    const service = manifest(stack, 'Service', 'models');
    expect(service.metadata.labels).toMatchObject({ team: 'ml', component: 'model-registry' });
    expect(service.metadata.annotations).toMatchObject({ note: 'x' });
    new ModelRegistry(stack, 'Custom', { namespace: 'other', image: 'registry.example.com/mr/server:v0.3.8-patched', database: mysql });
    expect(manifest(stack, 'Deployment', 'model-registry-service').spec.template.spec.containers[0].image).toBe('registry.example.com/mr/server:v0.3.8-patched');
    // An external database leaves the name the room an in-cluster one's revision label takes.
    new ModelRegistry(stack, 'Long', { namespace: 'long', name: `r${'a'.repeat(59)}`, database: RegistryDatabase.external({ type: 'mysql', dsnSecret: { name: 'dsn', key: 'dsn' } }) });
  });

  test.each<[string, Partial<ModelRegistryProps>, string, string]>([
    ['a name that is no DNS-1035 label', { name: '1registry' }, 'name', 'is not a valid DNS-1035 label'],
    ['a name too long for the database\'s revision label', { name: 'a'.repeat(50) }, 'name', 'the StatefulSet controller labels the database pod with its revision'],
    ['a version with a "v"', { version: 'v0.3.8' }, 'version', '"v0.3.8" is not a release version'],
    ['both version and image', { version: '0.3.8', image: 'ghcr.io/x/server:1' }, 'version', 'is set beside image'],
    ['a bad image', { image: 'Bad Image' }, 'image', 'is not a valid image reference'],
    ['zero replicas', { replicas: 0 }, 'replicas', 'must be a whole number ≥ 1'],
    ['an empty display name', { displayName: ' ' }, 'displayName', 'is empty'],
    ['a request above its limit', { resources: { cpu: { request: Cpu.units(2), limit: Cpu.units(1) } } }, 'resources.cpu', 'request 2 is greater than limit 1'],
    ['a bad password Secret name', { database: RegistryDatabase.mysql({ passwordSecret: { name: 'Bad_Name', key: 'password' } }) }, 'database.passwordSecret.name', 'is not a valid DNS-1123 subdomain'],
    ['a bad password Secret key', { database: RegistryDatabase.mysql({ passwordSecret: { name: 'db', key: 'pass word' } }) }, 'database.passwordSecret.key', '"pass word" is not a valid Secret key'],
    ['an empty volume', { database: RegistryDatabase.postgres({ passwordSecret, storage: Size.gibibytes(0) }) }, 'database.storage', 'must be greater than zero, got 0'],
    ['a bad storage class', { database: RegistryDatabase.mysql({ passwordSecret, storageClass: 'Fast SSD' }) }, 'database.storageClass', 'is not a valid DNS-1123 subdomain'],
    ['a bad database name', { database: RegistryDatabase.mysql({ passwordSecret, database: 'meta-db' }) }, 'database.database', '"meta-db" is not a database name'],
    ['a bad database image', { database: RegistryDatabase.postgres({ passwordSecret, image: 'postgres:16 alpine' }) }, 'database.image', 'is not a valid image reference'],
    ['database resources over their limit', { database: RegistryDatabase.mysql({ passwordSecret, resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } } }) }, 'database.resources.memory', 'request 2Gi is greater than limit 1Gi'],
    ['a bad DSN Secret', { database: RegistryDatabase.external({ type: 'mysql', dsnSecret: { name: 'dsn', key: '' } }) }, 'database.dsnSecret.key', 'is not a valid Secret key'],
    ['an unknown database type', { database: RegistryDatabase.external({ type: 'sqlite' as 'mysql', dsnSecret: { name: 'dsn', key: 'dsn' } }) }, 'database.type', '"sqlite" is not a database type'],
  ])('rejects %s', (_, props, field, problem) => {
    const stack = testStack();
    const e = constructError(() => new ModelRegistry(stack, 'Registry', { database: mysql, ...props }));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
    expect(e.fix).toBeTruthy();
    expect(manifests(stack)).toEqual([]); // validated before anything is emitted
  });

  test('two registries in one namespace need different names', () => {
    const stack = testStack();
    new ModelRegistry(stack, 'A', { database: mysql });
    expect(constructError(() => new ModelRegistry(stack, 'B', { database: mysql })).problem).toContain('core/Service team/model-registry-service is already defined by test/A');
  });
});
