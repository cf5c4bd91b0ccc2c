import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFieldPath, FieldPath, IMMUTABLE_FIELDS, immutabilityOf, kindKey, RECREATE_SYNC_OPTIONS } from './immutable-fields';
import { RELEASE_PRESETS } from './releases';

/** The schemas folder of every preset: the facts hold for each release we target. */
const SCHEMAS = Object.keys(RELEASE_PRESETS).map((preset) => join(__dirname, '..', 'schemas', preset));
const indexOf = (dir: string): Record<string, { schema: string }> => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));

type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean; 'x-kubernetes-preserve-unknown-fields'?: boolean };

/** Whether the schema has the field: `*` is any list item or map value; unknown fields kept by the schema count as there. */
function hasField(root: Schema & { definitions?: Record<string, Schema> }, path: FieldPath): boolean {
  const resolve = (s: Schema): Schema => {
    if (s.$ref) return resolve(root.definitions![s.$ref.replace('#/definitions/', '')]);
    if (s.allOf?.length === 1 && !s.properties) return resolve(s.allOf[0]);
    return s;
  };
  const walk = (node: Schema, rest: FieldPath): boolean => {
    if (rest.length === 0 || node['x-kubernetes-preserve-unknown-fields']) return true;
    const [segment, ...tail] = rest;
    const values = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    // `*`: any list item, map value, or property (`spec.predictor.*.storageUri`: the predictor's model, whatever its framework).
    const next = segment === '*' ? [node.items, values, ...Object.values(node.properties ?? {})] : [node.properties?.[segment] ?? values];
    return next.some((n) => n !== undefined && walk(resolve(n), tail));
  };
  return walk(resolve(root), path);
}

/** The schemas of every served version of a kind in one preset's folder (all presets' when none is named). */
function schemasOf(group: string, kind: string, dirs: readonly string[] = SCHEMAS): Schema[] {
  return dirs.flatMap((dir) => Object.entries(indexOf(dir))
    .filter(([key]) => {
      const parts = key.split('/');
      return parts[parts.length - 1] === kind && (group ? parts[0] === group : parts.length === 2);
    })
    .map(([, entry]) => JSON.parse(readFileSync(join(dir, entry.schema), 'utf8'))));
}

describe('immutable fields', () => {
  const kinds = Object.values(IMMUTABLE_FIELDS);

  test('cover every kind the issue names as run-once or immutable, keyed <group>/<Kind>', () => {
    for (const key of ['kubeflow.org/Experiment', 'kubeflow.org/PyTorchJob', 'kubeflow.org/MPIJob', 'trainer.kubeflow.org/TrainJob', 'batch/Job', 'serving.kserve.io/InferenceService', 'PersistentVolumeClaim', 'rbac.authorization.k8s.io/RoleBinding']) {
      expect(IMMUTABLE_FIELDS[key]).toBeDefined();
    }
    for (const k of kinds) expect(IMMUTABLE_FIELDS[kindKey(k.group, k.kind)]).toBe(k);
  });

  // A fact about a field only newer releases have (KServe 0.20's predictor name) is not a typo:
  // each field must be in every served version of the newest preset (every preset has the kind).
  test.each(kinds.map((k) => [kindKey(k.group, k.kind), k] as const))('%s: every field is in the schema of every served version (of the newest preset at least)', (_key, k) => {
    const byPreset = SCHEMAS.map((dir) => schemasOf(k.group, k.kind, [dir]));
    expect(byPreset.every((schemas) => schemas.length > 0)).toBe(true);
    const paths = [...k.immutable.flatMap((f) => [f.path, ...(f.except ?? []), ...(f.unlessAlsoChanged ?? [])]), ...k.cautions.map((c) => c.path)]
      .filter((p) => p[0] !== 'metadata'); // labels and annotations: any key
    const newest = schemasOf(k.group, k.kind, [join(__dirname, '..', 'schemas', 'newest')]);
    for (const path of paths) expect([formatFieldPath(path), newest.every((schema) => hasField(schema, path))]).toEqual([formatFieldPath(path), true]);
  });

  test('a field name that is not in the schema is caught by the check above', () => {
    const [schema] = schemasOf('kubeflow.org', 'Experiment');
    expect(hasField(schema, ['spec', 'maxTrialCount'])).toBe(true);
    expect(hasField(schema, ['spec', 'maxTrialCounts'])).toBe(false);
  });

  test('every fact names its upstream source at a pinned release, says what the cluster does, and has a remedy', () => {
    for (const k of kinds) {
      for (const f of [...k.immutable, ...k.cautions]) {
        expect(f.source).toMatch(/^https:\/\/github\.com\/[\w-]+\/[\w-]+\/blob\/v\d+\.\d+\.\d+\//);
        expect(f.message.length).toBeGreaterThan(10);
      }
      // A kind with immutable fields must say what to do instead.
      if (k.immutable.length > 0) expect(k.remedies.length).toBeGreaterThan(0);
    }
  });

  test('re-creating takes Force=true and Replace=true, on every remedy that re-creates', () => {
    expect(RECREATE_SYNC_OPTIONS).toBe('Force=true,Replace=true');
    const all = kinds.flatMap((k) => [...k.remedies, ...k.immutable.flatMap((f) => f.remedies ?? [])]);
    const recreates = all.filter((r) => r.kind === 'recreate');
    expect(recreates.length).toBeGreaterThan(5);
    for (const r of recreates) {
      expect(r.syncOptions).toBe(RECREATE_SYNC_OPTIONS);
      expect(r.text).toContain(`argocd.argoproj.io/sync-options: ${RECREATE_SYNC_OPTIONS}`);
    }
    for (const r of all.filter((x) => x.kind !== 'recreate')) expect(r.syncOptions).toBeUndefined();
  });

  test('a field\'s own remedies replace the kind\'s, and are never empty', () => {
    const own = kinds.flatMap((k) => k.immutable.filter((f) => f.remedies).map((f) => [kindKey(k.group, k.kind), formatFieldPath(f.path), f.remedies!.map((r) => r.kind)]));
    expect(own).toEqual([
      ['serving.kserve.io/InferenceService', '.spec.predictor.name', ['edit', 'new-name', 'recreate']],
      ['PersistentVolumeClaim', '.spec.resources.requests.storage', ['edit', 'new-name']],
    ]);
  });

  test('claims: the kind\'s remedy is a new claim (the data is not moved), never "keep the size"; the size has "keep the size" first', () => {
    const claim = immutabilityOf('v1', 'PersistentVolumeClaim')!;
    expect(claim.remedies.map((r) => [r.kind, r.text])).toEqual([['new-name', expect.stringContaining('the data is not moved')]]);
    const [spec, storage] = claim.immutable;
    expect([formatFieldPath(spec.path), spec.remedies]).toEqual(['.spec', undefined]);
    expect(storage.remedies!.map((r) => r.text)).toEqual(['keep the size as it was (a claim can grow, never shrink)', claim.remedies[0].text]);
    // The only size change it refuses is a shrink: no "unless it grows".
    expect(storage.unless).toBeUndefined();
  });

  test('a grow-only field has no "unless": the rule already lets it grow', () => {
    for (const f of kinds.flatMap((k) => k.immutable).filter((x) => x.rule === 'grow-only')) expect(f.unless).toBeUndefined();
  });

  test('Katib experiments: only the three counts may change', () => {
    const [spec] = immutabilityOf('kubeflow.org/v1beta1', 'Experiment')!.immutable;
    expect(spec.path).toEqual(['spec']);
    expect(spec.except).toEqual([['spec', 'maxTrialCount'], ['spec', 'parallelTrialCount'], ['spec', 'maxFailedTrialCount']]);
  });

  test('the training operator\'s managedBy check is only on the kinds whose webhook makes it', () => {
    const managedBy = (kind: string) => immutabilityOf('kubeflow.org/v1', kind)!.immutable.some((f) => formatFieldPath(f.path) === '.spec.runPolicy.managedBy');
    expect(['TFJob', 'XGBoostJob', 'PaddleJob'].map(managedBy)).toEqual([true, true, true]);
    expect(['PyTorchJob', 'MPIJob', 'JAXJob'].map(managedBy)).toEqual([false, false, false]);
  });

  test('ConfigMap and Secret data are immutable only when the object is', () => {
    for (const kind of ['ConfigMap', 'Secret']) {
      const data = immutabilityOf('v1', kind)!.immutable.find((f) => f.path[0] === 'data')!;
      expect(data.onlyIf).toEqual({ path: ['immutable'], equals: true });
    }
    expect(immutabilityOf('v1', 'Secret')!.immutable.find((f) => f.path[0] === 'type')!.onlyIf).toBeUndefined();
  });

  test('pruning a claim, a namespace or a profile says what goes with it', () => {
    expect(immutabilityOf('v1', 'PersistentVolumeClaim')!.onDelete).toMatch(/data is lost/);
    expect(immutabilityOf('v1', 'Namespace')!.onDelete).toMatch(/everything in it/);
    expect(immutabilityOf('kubeflow.org/v1', 'Profile')!.onDelete).toMatch(/deletes the namespace/);
  });
});

describe('immutabilityOf', () => {
  test('finds a kind by group, whatever the version', () => {
    expect(immutabilityOf('batch/v1', 'Job')?.kind).toBe('Job');
    expect(immutabilityOf('batch/v2', 'Job')?.kind).toBe('Job');
    expect(immutabilityOf('v1', 'Service')?.group).toBe('');
  });

  test('knows nothing of other groups or kinds', () => {
    expect(immutabilityOf('example.com/v1', 'Job')).toBeUndefined();
    expect(immutabilityOf('v1', 'Job')).toBeUndefined();
    expect(immutabilityOf('v1', 'Pod')).toBeUndefined();
  });
});

describe('formatFieldPath', () => {
  test.each([
    [[], '.'],
    [['spec', 'template'], '.spec.template'],
    [['spec', 'containers', 0, 'image'], '.spec.containers[0].image'],
    [['spec', 'replicatedJobs', '*', 'dependsOn'], '.spec.replicatedJobs[*].dependsOn'],
    [['metadata', 'annotations', 'serving.kserve.io/deploymentMode'], '.metadata.annotations["serving.kserve.io/deploymentMode"]'],
    [['spec', 'containers', '[name=main]', 'resources'], '.spec.containers[name=main].resources'],
    [['data', 'app.conf'], '.data["app.conf"]'],
    [['data', 'has"quote'], '.data["has\\"quote"]'],
    [['spec', 'nvidia-gpu'], '.spec.nvidia-gpu'],
  ] as [(string | number)[], string][])('%j → %s', (path, text) => {
    expect(formatFieldPath(path)).toBe(text);
  });
});
