// Round trip with a real cluster: `schemas` run on what a live API server publishes (its CRDs,
// as `kubectl get crd -o yaml` writes them, and the OpenAPI v3 documents of its built-in groups)
// must validate our objects as the committed schemas of the preset the test cluster runs (TEST_CLUSTER_RELEASE) do, and the server's own objects
// without a single finding. The server is the shared test cluster, which has every CRD of
// that preset's crds/ installed, so the two folders describe the same APIs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { synthesize } from '../../cli/synthesize';
import { buildApp as servingExample } from '../../examples/serving/main';
import { buildApp as trainingExample } from '../../examples/training/main';
import { buildApp as tuningExample } from '../../examples/tuning/main';
import { formatFinding, Manifest, ManifestSource } from '../../manifest';
import { buildApp as defaultStack } from '../../stacks/main';
import { runCli } from '../../test/cli-output';
import { expectOk } from '../../test/cluster/client';
import { TEST_CLUSTER_RELEASE } from '../../test/cluster/harness';
import { sharedCluster } from '../../test/cluster/shared';
import { buildEveryKindApp } from '../../test/every-kind';
import { presetSchemasDir } from '../schema-dir';
import { SchemaValidator } from '../schema-validator';
import { isOpaque, versionSchema } from './crd';
import { JsonObject } from './stable-json';

const { client } = sharedCluster();
// Everything is sent as a dry run into `default`: nothing is persisted, so tests that compare
// the cluster's state before and after their own dry runs never see this file's objects.
const NAMESPACE = 'default';
const committed = SchemaValidator.for(presetSchemasDir(TEST_CLUSTER_RELEASE));
/** Compiling every schema twice (two folders) takes 5-20 s per app, more on a loaded machine. */
const SLOW = 180_000;

let tmp: string;
let live: SchemaValidator;
let crds: Manifest[];
let schemasRun: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schemas-live-'));
  const inputs = path.join(tmp, 'in');
  fs.mkdirSync(path.join(inputs, 'openapi'), { recursive: true });

  // A list's items carry no apiVersion or kind; kubectl adds them and wraps them in a v1 List.
  const listed = expectOk(await client.get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions'), 'listing CRDs');
  crds = listed.items.map((crd: JsonObject) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', ...crd }));
  const list = { apiVersion: 'v1', kind: 'List', items: crds, metadata: { resourceVersion: '' } };
  fs.writeFileSync(path.join(inputs, 'crds.yaml'), YAML.stringify(list, { version: '1.1', lineWidth: 0 }));

  // The OpenAPI v3 documents of the built-in groups, saved as sent (what `kubectl get --raw`
  // writes) under the names Kubernetes' api/openapi-spec/v3 gives them. The server sends them as
  // text/plain, so the client leaves them unparsed.
  const crdGroups = new Set(crds.map((crd: any) => crd.spec.group as string));
  const get = async (url: string): Promise<string> => {
    const res = await client.get(url);
    expectOk(res, `GET ${url}`);
    return res.text;
  };
  const discovery = JSON.parse(await get('/openapi/v3')) as { paths: Record<string, { serverRelativeURL: string }> };
  for (const [groupVersion, { serverRelativeURL }] of Object.entries(discovery.paths)) {
    const m = /^(?:api\/v1|apis\/([^/]+)\/[^/]+)$/.exec(groupVersion);
    if (!m || crdGroups.has(m[1])) continue;
    fs.writeFileSync(path.join(inputs, 'openapi', `${groupVersion.replace(/\//g, '__')}_openapi.json`), await get(serverRelativeURL));
  }

  schemasRun = await runCli('schemas', '--out', path.join(tmp, 'schemas'), inputs);
  live = new SchemaValidator(path.join(tmp, 'schemas'));
}, 300_000); // parsing ~14 MB of CRD YAML and generating take 20-60 s, depending on the load

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const apps: [string, () => App][] = [
  ['the default stack (dist/)', defaultStack],
  ['examples/serving', servingExample],
  ['examples/training', trainingExample],
  ['examples/tuning', tuningExample],
  ['the every-kind app', buildEveryKindApp],
];

function sourcesOf(build: () => App): ManifestSource[] {
  const { sources, findings } = synthesize(build());
  expect(findings.map(formatFinding)).toEqual([]);
  return sources;
}

describe('schemas from a live cluster', () => {
  test('are generated from its CRDs (a List) and built-in OpenAPI documents without a warning', () => {
    expect(schemasRun.stderr).toBe('');
    expect(schemasRun.code).toBe(0);
    // Every version every CRD serves, and the API server's own kinds.
    const served = crds.flatMap((crd: any) => crd.spec.versions.filter((v: any) => v.served).map((v: any) => `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`));
    expect(live.kinds()).toEqual(expect.arrayContaining([...served, 'kubeflow.org/v1beta1/Notebook', 'v1/Namespace', 'apiextensions.k8s.io/v1/CustomResourceDefinition']));
    expect(committed.kinds().filter((k) => !live.kinds().includes(k))).toEqual([]);
  });

  test.each(apps)('validate %s as the committed schemas of the cluster\'s preset do, valid and broken alike', (_name, build) => {
    // Katib's CRDs are opaque; the committed folder types them from Katib's swagger.json, a cluster cannot.
    const opaque = new Set(crds.flatMap((crd: any) => crd.spec.versions
      .filter((v: any) => isOpaque(versionSchema(crd, v.name)))
      .map((v: any) => `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`)));
    for (const source of sourcesOf(build)) {
      const { apiVersion, kind } = source.object;
      expect([source.file, live.validate(source)]).toEqual([source.file, committed.validate(source)]);
      expect([source.file, committed.validate(source)]).toEqual([source.file, []]);
      if (opaque.has(`${apiVersion}/${kind}`)) continue;
      for (const object of broken(source.object)) {
        const expected = committed.validate({ ...source, object });
        expect(expected.length).toBeGreaterThan(0);
        expect([source.file, live.validate({ ...source, object })]).toEqual([source.file, expected]);
      }
    }
  }, SLOW);
});

/** The same object with an unknown field at the root, one in spec (if any), and a label of the wrong type. */
function broken(o: Manifest): Manifest[] {
  const out: Manifest[] = [{ ...o, notAField: true } as Manifest];
  if (isRecord(o.spec)) out.push({ ...o, spec: { ...o.spec, notAField: true } });
  out.push({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata?.labels, team: 1 as unknown as string } } });
  return out;
}

describe('the objects a live cluster returns validate without a finding', () => {
  const noFindings = (objects: Manifest[]) => {
    for (const object of objects) {
      const who = `${object.kind} ${object.metadata?.name}`;
      expect([who, live.validate({ object })]).toEqual([who, []]);
      // The committed folder has no apiextensions.k8s.io (no CustomResourceDefinition).
      if (committed.entry(object.apiVersion, object.kind)) expect([who, committed.validate({ object })]).toEqual([who, []]);
    }
  };

  test('its Namespaces and its CustomResourceDefinitions, as kubectl lists them', async () => {
    const namespaces = expectOk(await client.get('/api/v1/namespaces'), 'listing namespaces').items;
    expect(namespaces.map((ns: any) => ns.metadata.name)).toContain('default');
    noFindings(namespaces.map((ns: JsonObject) => ({ apiVersion: 'v1', kind: 'Namespace', ...ns })));
    noFindings(crds);
  }, SLOW);

  test('a Notebook and a Profile in every version they serve, as the server returns them', async () => {
    const notebook = (version: string) => ({
      apiVersion: `kubeflow.org/${version}`, kind: 'Notebook', metadata: { name: 'round-trip', namespace: NAMESPACE, labels: { app: 'round-trip' } },
      spec: { template: { spec: { containers: [{ name: 'lab', image: 'jupyter', resources: { limits: { cpu: '1', memory: '1Gi' } } }] } } },
    });
    const profile = (version: string) => ({
      apiVersion: `kubeflow.org/${version}`, kind: 'Profile', metadata: { name: 'round-trip' }, spec: { owner: { kind: 'User', name: 'alice@example.com' } },
    });
    const returned: Manifest[] = [];
    for (const version of ['v1', 'v1alpha1', 'v1beta1']) {
      noFindings([notebook(version)]);
      returned.push(expectOk(await client.post(`/apis/kubeflow.org/${version}/namespaces/${NAMESPACE}/notebooks?dryRun=All`, notebook(version)), `creating a ${version} Notebook`));
    }
    for (const version of ['v1', 'v1beta1']) {
      noFindings([profile(version)]);
      returned.push(expectOk(await client.post(`/apis/kubeflow.org/${version}/profiles?dryRun=All`, profile(version)), `creating a ${version} Profile`));
    }
    expect(returned.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual([
      'kubeflow.org/v1 Notebook', 'kubeflow.org/v1alpha1 Notebook', 'kubeflow.org/v1beta1 Notebook', 'kubeflow.org/v1 Profile', 'kubeflow.org/v1beta1 Profile',
    ]);
    expect(returned.every((o) => o.metadata?.uid && o.metadata?.creationTimestamp)).toBe(true);
    noFindings(returned);
  });

  test.each(apps)('%s as the server would store it (server-side apply, dry run), defaults, managedFields and all', async (_name, build) => {
    for (const { object } of sourcesOf(build)) {
      const entry = committed.entry(object.apiVersion, object.kind)!;
      const namespaced = entry.scope === 'Namespaced';
      const body = namespaced ? { ...object, metadata: { ...object.metadata, namespace: NAMESPACE } } : object;
      const url = `/${object.apiVersion.includes('/') ? 'apis' : 'api'}/${object.apiVersion}/${namespaced ? `namespaces/${NAMESPACE}/` : ''}${entry.plural}/${object.metadata?.name}?dryRun=All`;
      noFindings([expectOk(await client.apply(url, body), `dry-run apply ${url}`)]);
    }
  }, SLOW);
});

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
