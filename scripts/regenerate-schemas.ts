/**
 * Developer script: regenerates the schemas folder of every built-in preset
 * (`schemas/<preset>/`) with the `schemas` command, from the upstream reference inputs kept
 * outside the project (never read by the build or the tests):
 *
 *     npx tsx scripts/regenerate-schemas.ts --apiextensions <folder> --shared <folder>
 *
 * `--shared` holds `crds/` (the newest component releases; `crds/releases/<preset>/` the
 * Kubeflow platform's) and `openapi/` (Kubernetes' OpenAPI v3 documents). `--apiextensions` is a
 * folder with Kubernetes' `apis__apiextensions.k8s.io__v1_openapi.json` (kubectl-validate
 * a97ccfaca20b164819afdae780392496f6ed6bbd, pkg/openapiclient/builtins/1.35/apis/apiextensions.k8s.io/v1.json):
 * the reconciler's deployment emits the Inventory CRD, and `openapi/` lacks that group.
 * Each preset's sources (repo, ref, commit, which input folders) are written to its
 * sources.json first, from the table below, so the folders say where every schema came from.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../cli/schemas';
import { RELEASE_PRESETS } from '../manifest';
import { Sources } from '../policies/schemagen';
import { generate as inventoryCrd, OUT as INVENTORY_CRD_FILE } from './inventory-crd';

const ROOT = path.join(__dirname, '..');
const APIEXTENSIONS_FILE = 'apis__apiextensions.k8s.io__v1_openapi.json';
/** The git blob id of the apiextensions document the presets were made from. */
const APIEXTENSIONS_BLOB = '8f7af3a53f3361f14621fc99a53fe98385970d17';
/** Where the apiextensions document is copied, so that its folder is named `openapi` (the `kubernetes` source) and the recorded command is the same on every machine. */
const APIEXTENSIONS_COPY = path.join('.cache', 'schemas-inputs', 'openapi');
const PLATFORM_MANIFESTS = { repo: 'kubeflow/manifests', ref: 'master', commit: '009c88084074904c7743384ff50d3bd70012ef55' };

/** Sources both presets share: the platform snapshot has no Argo, Kubernetes or project-owned inputs. */
const SHARED: Sources = {
  'argo-cd': { repo: 'argoproj/argo-cd', ref: 'v3.5.1', commit: '109ca7ca71139e514114499d294a492e7910a965' },
  'argo-workflows': { repo: 'argoproj/argo-workflows', ref: 'v4.1.2', commit: '16a52d67daf2f4a8a76fa8bec02a76a46aa46257', note: 'manifests/base/crds/full/' },
  'feast': {
    repo: 'feast-dev/feast', ref: 'master', commit: 'f0bc0700be7029166e6605e407de6d229cd1e93e',
    note: 'v0.66.0-2-gf0bc0700b: infra/feast-operator/config/crd/bases/ (the Feast operator\'s FeatureStore)',
  },
  'kubernetes': {
    repo: 'kubernetes/kubernetes', ref: 'release-1.35', paths: ['openapi'],
    note: `api/openapi-spec/v3, via kubernetes-sigs/kubectl-validate a97ccfaca20b164819afdae780392496f6ed6bbd (apiextensions.k8s.io/v1 too, blob ${APIEXTENSIONS_BLOB.slice(0, 8)}, for the reconciler's Inventory CRD)`,
  },
  'reconciler': { repo: 'example/cdk8s-kubeflow', ref: 'main', paths: ['reconciler/crds'], note: 'project-owned: the Inventory CRD, written by npm run inventory-crd from manifest/inventory.ts' },
};
/** Why the platform preset takes a source from the newest inputs. */
const SHARED_BECAUSE: Readonly<Record<string, string>> = {
  'argo-cd': 'Argo CD is not part of the Kubeflow platform: the one that delivers the stacks',
  'argo-workflows': 'the platform snapshot holds no Argo Workflows CRDs',
  'feast': 'Kubeflow documents Feast as its feature store; the platform snapshot does not install it',
  'kubernetes': 'the cluster\'s API, not the platform\'s',
  'reconciler': 'one Inventory CRD for every release',
};

interface Preset {
  readonly sources: Sources;
  /** Input folders and files, relative to `--shared`, then the apiextensions copy and reconciler/crds. */
  readonly inputs: readonly string[];
}

const PRESETS: Readonly<Record<string, Preset>> = {
  'kubeflow-platform-2026-04': {
    sources: {
      ...Object.fromEntries(Object.entries(SHARED).map(([name, s]) => [name, { ...s, note: `${s.note ? `${s.note}; ` : ''}shared with newest: ${SHARED_BECAUSE[name]}` }])),
      'trainer-v1': { ...PLATFORM_MANIFESTS, paths: ['applications/training-operator'], note: 'Training Operator v1.9.2' },
      'trainer-v2': { ...PLATFORM_MANIFESTS, paths: ['applications/trainer'], note: 'Trainer v2.2.0' },
      'notebooks': { ...PLATFORM_MANIFESTS, paths: ['applications/jupyter', 'applications/pvcviewer-controller', 'applications/tensorboard'], note: 'Notebook controller, PVC viewer, Tensorboard v1.10.0' },
      'dashboard': { ...PLATFORM_MANIFESTS, paths: ['applications/profiles', 'applications/admission-webhook'], note: 'Profile, PodDefault v1.10.0' },
      'katib': {
        repo: 'kubeflow/katib', ref: 'v0.19.0', commit: '578e60f1ce83dbb5e7151026a3bdc4de233947fc', paths: ['katib'],
        note: 'CRDs (opaque) from kubeflow/manifests 009c880 applications/katib/; JSON schemas from api/openapi-spec/swagger.json of the same v0.19.0 (shared with newest)',
      },
      'kserve': { ...PLATFORM_MANIFESTS, paths: ['applications/kserve'], note: 'KServe v0.16.0: the CRDs of the full install kserve.yaml (its other objects are skipped)' },
      'pipelines': { ...PLATFORM_MANIFESTS, paths: ['applications/pipeline'], note: 'Kubeflow Pipelines 2.16.0' },
      'pipelines-ir': {
        repo: 'kubeflow/pipelines', ref: '2.17.0', commit: '4a3592cb2dd0a91a4652ab93893ec8beda1f3158', paths: ['crds/pipelines'],
        note: 'api/v2alpha1/pipeline_spec.proto, shared with newest: kubeflow/manifests ships no .proto',
      },
      'spark': { ...PLATFORM_MANIFESTS, paths: ['applications/spark'], note: 'Spark operator 2.5.0: the CRDs of the full install resources.yaml (its other objects are skipped)' },
    },
    inputs: [
      'crds/releases/kubeflow-platform-2026-04/applications', 'crds/argo-cd', 'crds/argo-workflows', 'crds/feast', 'crds/katib/openapi-spec',
      'crds/pipelines/pipeline_spec.proto', 'openapi',
    ],
  },
  'newest': {
    sources: {
      ...SHARED,
      'dashboard': { repo: 'kubeflow/dashboard', ref: 'v2.0.0', commit: 'c80e2c3d545145e9814840933aa781965c88f821', note: 'Profile, PodDefault' },
      'katib': { repo: 'kubeflow/katib', ref: 'v0.19.0', commit: '578e60f1ce83dbb5e7151026a3bdc4de233947fc', note: 'CRDs are opaque; JSON schemas from api/openapi-spec/swagger.json' },
      'kserve': { repo: 'kserve/kserve', ref: 'v0.20.0', commit: '1fb781055dd1567164358233e1125142ca6ef1fe', note: 'config/crd/full/' },
      'notebooks': { repo: 'kubeflow/notebooks', ref: 'v1.11.0', commit: '3454bb75696a6f76efe0b483fc44f577c9596807' },
      'pipelines': { repo: 'kubeflow/pipelines', ref: '2.17.0', commit: '4a3592cb2dd0a91a4652ab93893ec8beda1f3158' },
      'trainer-v1': { repo: 'kubeflow/trainer', ref: 'v1.9.4', commit: '4445c12aa62e4345b0c2c6ac9b215a70eca46ed7', paths: ['trainer/v1'] },
      'trainer-v2': { repo: 'kubeflow/trainer', ref: 'v2.3.0', commit: '658725bdae5c7e3a0854d93ac6ff492e109a22ab', paths: ['trainer/v2'] },
    },
    inputs: ['crds/argo-cd', 'crds/argo-workflows', 'crds/dashboard', 'crds/feast', 'crds/katib', 'crds/kserve', 'crds/notebooks', 'crds/pipelines', 'crds/trainer', 'openapi'],
  },
};

async function main(argv: string[]): Promise<number> {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const shared = option('--shared');
  const apiextensions = option('--apiextensions');
  if (!apiextensions || !shared) {
    process.stderr.write(`usage: npx tsx scripts/regenerate-schemas.ts --apiextensions <folder with ${APIEXTENSIONS_FILE}> --shared <folder of the upstream reference inputs: crds/, openapi/>\n`);
    return 2;
  }
  process.chdir(ROOT); // the recorded commands name inputs relative to the repository root
  for (const dir of ['crds', 'openapi']) {
    if (!fs.existsSync(path.join(shared, dir))) throw new Error(`${path.join(shared, dir)} not found: --shared names the folder of the upstream reference inputs`);
  }
  const document = fs.readFileSync(path.join(apiextensions, APIEXTENSIONS_FILE));
  const blob = createHash('sha1').update(`blob ${document.length}\0`).update(document).digest('hex');
  if (blob !== APIEXTENSIONS_BLOB) throw new Error(`${path.join(apiextensions, APIEXTENSIONS_FILE)} is blob ${blob}, not ${APIEXTENSIONS_BLOB} (kubectl-validate a97ccfa, Kubernetes 1.35)`);
  fs.mkdirSync(APIEXTENSIONS_COPY, { recursive: true });
  fs.writeFileSync(path.join(APIEXTENSIONS_COPY, APIEXTENSIONS_FILE), document);
  fs.writeFileSync(INVENTORY_CRD_FILE, inventoryCrd()); // as npm run inventory-crd: the project-owned input, up to date

  for (const [name, preset] of Object.entries(PRESETS)) {
    if (!RELEASE_PRESETS[name]) throw new Error(`${name} is not a preset of manifest/releases.ts`);
    const out = path.join('schemas', name);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'sources.json'), `${JSON.stringify(preset.sources, null, 2)}\n`); // normalized by the command
    const inputs = [...preset.inputs.map((p) => path.join(shared, p)), APIEXTENSIONS_COPY, path.relative(ROOT, path.dirname(INVENTORY_CRD_FILE))];
    const code = await run(inputs, {
      out, source: [], releaseName: name, base: name, component: [],
      regenerate: `npx tsx scripts/regenerate-schemas.ts --apiextensions <folder with ${APIEXTENSIONS_FILE}> --shared ${shared}`,
    });
    if (code !== 0) return code;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: Error) => {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = 1;
  });
}
