import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pluralOf } from './plurals';

// The rule and its exceptions agree with the API: every kind schemas/ knows, CRDs and built-ins.
test('pluralOf gives the REST resource of every kind in schemas/index.json', () => {
  const index = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'index.json'), 'utf8')) as Record<string, { plural?: string }>;
  const rows = Object.entries(index).filter(([, e]) => e.plural).map(([key, e]) => { const kind = key.split('/').pop()!; return { kind, plural: e.plural }; });
  expect(rows.length).toBeGreaterThan(70);
  expect(rows.filter((r) => pluralOf(r.kind) !== r.plural)).toEqual([]);
});
