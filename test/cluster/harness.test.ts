import * as fs from 'node:fs';
import * as path from 'node:path';
import { Cluster, projectRoot, startCluster, TEST_CLUSTER_RELEASE } from './harness';
import { sharedCluster } from './shared';

const FIXTURES = path.join(__dirname, 'fixtures', 'crds');
const WIDGETS = '/apis/test.cdk8s-kubeflow.io/v1/namespaces/default/widgets';

/** Pids of processes whose command line mentions `needle` (Linux /proc). */
function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) found.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code !== 'ESRCH';
  }
}

describe('startCluster (own cluster, node:crypto certificates, CRDs installed through the API)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    // No etcd snapshot: exercise the real install path (global-setup.ts exercises snapshots).
    cluster = await startCluster({ crdDirs: [FIXTURES], certBackend: 'node', snapshotDir: false });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  test('the API server answers with the expected version', async () => {
    const res = await cluster.client.get('/version');
    expect(res.status).toBe(200);
    expect(res.body.gitVersion).toMatch(/^v1\.\d+\.\d+/);
    expect(cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.readFileSync(cluster.kubeconfigPath, 'utf8')).toContain(`server: ${cluster.server}`);
    expect(cluster.certs.backend).toBe('node');
  });

  test('the fixture CRD is installed and Established', async () => {
    expect(cluster.crds).toEqual(['widgets.test.cdk8s-kubeflow.io']);
    const res = await cluster.client.get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.test.cdk8s-kubeflow.io');
    expect(res.status).toBe(200);
    const established = res.body.status.conditions.find((c: any) => c.type === 'Established');
    expect(established.status).toBe('True');
  });

  test('a custom object can be created, validated and given a status', async () => {
    const created = await cluster.client.post(WIDGETS, {
      apiVersion: 'test.cdk8s-kubeflow.io/v1',
      kind: 'Widget',
      metadata: { name: 'w1' },
      spec: { size: 3 },
    });
    expect(created.status).toBe(201);
    expect(created.body.metadata.uid).toBeTruthy();

    // Schema validation is the real API server's.
    const invalid = await cluster.client.post(WIDGETS, {
      apiVersion: 'test.cdk8s-kubeflow.io/v1',
      kind: 'Widget',
      metadata: { name: 'w2' },
      spec: { size: 0 },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toContain('spec.size');

    // No controllers run: the test plays the controller through the status subresource.
    const status = await cluster.client.request('PATCH', `${WIDGETS}/w1/status`, {
      body: { status: { phase: 'Ready' } },
      contentType: 'application/merge-patch+json',
    });
    expect(status.status).toBe(200);
    expect((await cluster.client.get(`${WIDGETS}/w1`)).body.status.phase).toBe('Ready');
  });

  test('stop() leaves no processes and no temp dir', async () => {
    const { etcd, apiServer } = cluster.pids;
    expect(isAlive(etcd)).toBe(true);
    expect(isAlive(apiServer)).toBe(true);
    expect(processesMentioning(cluster.tmpDir).length).toBeGreaterThanOrEqual(2);

    await cluster.stop();

    expect(isAlive(etcd)).toBe(false);
    expect(isAlive(apiServer)).toBe(false);
    expect(() => process.kill(-etcd, 0)).toThrow(); // process groups are empty too
    expect(() => process.kill(-apiServer, 0)).toThrow();
    expect(processesMentioning(cluster.tmpDir)).toEqual([]);
    expect(fs.existsSync(cluster.tmpDir)).toBe(false);
    await cluster.stop(); // idempotent
  });
});

describe('the shared cluster of global-setup.ts', () => {
  test('is reachable through CDK8S_KUBEFLOW_TEST_KUBECONFIG and has every CRD of the default preset\'s schemas, as `npm run cluster:up` does', async () => {
    const { client, kubeconfigPath } = sharedCluster();
    try {
      expect(process.env.KUBECONFIG).toBe(kubeconfigPath);
      expect((await client.get('/readyz')).status).toBe(200);
      const installed = (await client.get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).body.items.map((c: any) => c.metadata.name).sort();
      const expected = fs.readdirSync(path.join(projectRoot(), 'schemas', TEST_CLUSTER_RELEASE, 'crds')).map((f) => f.replace(/\.yaml$/, '')).sort();
      expect(installed).toEqual(expected);
    } finally {
      client.close();
    }
  });
});
