import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RELEASE } from '../../manifest';
import { IMMUTABLE_FIELDS, kindKey } from '../../manifest/immutable-fields';
import { EXPERIMENT_IGNORED_SPEC_FIELDS, runOnceIgnoreDifferences } from './run-once';

const SCHEMAS = join(__dirname, '..', '..', 'schemas', DEFAULT_RELEASE);
type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema>; definitions?: Record<string, Schema> };

/** The schemas of every served version of a kind (index.json lists the served ones), by apiVersion. */
function schemasOf(group: string, kind: string): Map<string, Schema> {
  const index: Record<string, { schema: string }> = JSON.parse(readFileSync(join(SCHEMAS, 'index.json'), 'utf8'));
  return new Map(Object.entries(index)
    .filter(([key]) => key.startsWith(`${group}/`) && key.endsWith(`/${kind}`))
    .map(([key, entry]) => [key, JSON.parse(readFileSync(join(SCHEMAS, entry.schema), 'utf8'))]));
}

/** The top-level fields of `spec` in a schema, through `$ref` and single `allOf`. */
function specFields(root: Schema): string[] {
  const resolve = (s: Schema): Schema => {
    if (s.$ref) return resolve(root.definitions![s.$ref.replace('#/definitions/', '')]);
    if (s.allOf?.length === 1 && !s.properties) return resolve(s.allOf[0]);
    return s;
  };
  return Object.keys(resolve(resolve(root).properties!.spec).properties ?? {});
}

describe('the Experiment\'s ignored spec fields', () => {
  /** What Katib lets change: the fields Argo CD must keep comparing. */
  const counts = IMMUTABLE_FIELDS[kindKey('kubeflow.org', 'Experiment')].immutable
    .find((f) => f.path.join('.') === 'spec')!.except!.map((p) => p[1]);

  test('are every spec field of every served version but the three counts', () => {
    expect([...counts].sort()).toEqual(['maxFailedTrialCount', 'maxTrialCount', 'parallelTrialCount']);
    const schemas = schemasOf('kubeflow.org', 'Experiment');
    expect([...schemas.keys()]).toEqual(['kubeflow.org/v1beta1/Experiment']);
    for (const [version, schema] of schemas) {
      const fields = specFields(schema);
      expect(fields).toEqual(expect.arrayContaining(counts));
      const missing = fields.filter((f) => !counts.includes(f) && !EXPERIMENT_IGNORED_SPEC_FIELDS.includes(f));
      // A field the schema gained: add it to EXPERIMENT_IGNORED_SPEC_FIELDS (constructs/gitops/run-once.ts).
      expect({ version, missing }).toEqual({ version, missing: [] });
      const unknown = EXPERIMENT_IGNORED_SPEC_FIELDS.filter((f) => !fields.includes(f));
      expect({ version, unknown }).toEqual({ version, unknown: [] });
    }
  });

  test('the check above catches a field the list lacks', () => {
    const [schema] = schemasOf('kubeflow.org', 'Experiment').values();
    const gained = structuredClone(schema) as any;
    gained.definitions['v1beta1.ExperimentSpec'].properties.newField = { type: 'string' };
    expect(specFields(gained).filter((f) => !counts.includes(f) && !EXPERIMENT_IGNORED_SPEC_FIELDS.includes(f))).toEqual(['newField']);
  });

  test('become one JSON pointer each, without the counts; other run-once kinds ignore the whole spec', () => {
    const ignore = runOnceIgnoreDifferences([
      { apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'e' } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' } },
    ]);
    expect(ignore).toEqual([
      { group: 'batch', kind: 'Job', jsonPointers: ['/spec'] },
      { group: 'kubeflow.org', kind: 'Experiment', jsonPointers: EXPERIMENT_IGNORED_SPEC_FIELDS.map((f) => `/spec/${f}`) },
    ]);
    expect(ignore[1].jsonPointers).toHaveLength(8);
    for (const c of counts) expect(ignore[1].jsonPointers).not.toContain(`/spec/${c}`);
  });
});
