import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RELEASE_PRESETS } from '../../manifest';
import { pluralOf } from './plurals';

// The rule and its exceptions agree with the API: every kind the presets' schemas know, CRDs and built-ins.
test('pluralOf gives the REST resource of every kind in schemas/<preset>/index.json', () => {
  const rows = Object.keys(RELEASE_PRESETS).flatMap((preset) => {
    const index = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', preset, 'index.json'), 'utf8')) as Record<string, { plural?: string }>;
    return Object.entries(index).filter(([, e]) => e.plural).map(([key, e]) => { const kind = key.split('/').pop()!; return { kind, plural: e.plural }; });
  });
  expect(rows.length).toBeGreaterThan(70);
  expect(rows.filter((r) => pluralOf(r.kind) !== r.plural)).toEqual([]);
});
