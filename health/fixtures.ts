/**
 * The per-kind fixtures (health/<group>/<Kind>/testdata/*.yaml, with their outcomes in
 * testdata/expected.yaml) and the test every kind runs on them; argocd-lua.test.ts runs the
 * same fixtures in Argo CD's runtime. Test helper only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { Manifest } from '../manifest';
import { argocdKey, assessHealth, Health, HEALTH_MODELS, HealthModel, HealthStatus } from './index';

export interface Fixture {
  /** e.g. `kubeflow.org/Profile/testdata/degraded.yaml`, from health/. */
  readonly file: string;
  readonly object: Manifest;
  readonly expected: Health;
}

/** The folder of a kind's model: health/<group or core>/<Kind>. */
export function modelDir(model: HealthModel): string {
  return path.join(__dirname, model.group || 'core', model.kind);
}

export function loadFixtures(model: HealthModel): Fixture[] {
  const dir = path.join(modelDir(model), 'testdata');
  const expected = parse(fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8')) as { fixture: string; status: HealthStatus; message: string }[];
  return expected.map((e) => ({
    file: path.relative(__dirname, path.join(dir, e.fixture)),
    object: parse(fs.readFileSync(path.join(dir, e.fixture), 'utf8')) as Manifest,
    expected: { status: e.status, message: e.message ?? '' },
  }));
}

export function allFixtures(): { model: HealthModel; fixture: Fixture }[] {
  return HEALTH_MODELS.flatMap((model) => loadFixtures(model).map((fixture) => ({ model, fixture })));
}

const STALE_RULE = 'status.observedGeneration';

/** The test of one kind's model on its fixtures. */
export function describeModel(dir: string, model: HealthModel): void {
  describe(`${argocdKey(model.group, model.kind)} health`, () => {
    const fixtures = loadFixtures(model);

    test('lives in its own folder, health/<group>/<Kind>/', () => {
      expect(path.resolve(dir)).toBe(modelDir(model));
    });

    test.each(fixtures.map((f) => [path.basename(f.file), f] as const))('%s', (_name, f) => {
      expect(assessHealth(f.object)).toEqual(f.expected);
    });

    test('every fixture has an expected outcome, and every outcome a fixture', () => {
      const files = fs.readdirSync(path.join(dir, 'testdata')).filter((f) => f !== 'expected.yaml').sort();
      expect(fixtures.map((f) => path.basename(f.file)).sort()).toEqual(files);
    });

    test('fixtures cover no status yet, a stale observedGeneration (where the model checks it), and every status the model can give', () => {
      const names = fixtures.map((f) => path.basename(f.file, '.yaml'));
      expect(names).toContain('no-status');
      if (model.rules.some((r) => JSON.stringify(r.when).includes(JSON.stringify(STALE_RULE.split('.'))))) expect(names).toContain('stale-generation');
      const given = new Set(fixtures.map((f) => f.expected.status));
      const possible = new Set([...model.rules.map((r) => r.status), model.otherwise.status]);
      expect([...possible].filter((s) => !given.has(s))).toEqual([]);
    });
  });
}
