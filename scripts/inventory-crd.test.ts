import * as fs from 'fs';
import { parse } from 'yaml';
import { INVENTORY_CRD } from '../manifest';
import { generate, HEADER, OUT } from './inventory-crd';

describe('reconciler/crds/', () => {
  test('holds the Inventory CRD of manifest/inventory.ts (if not: npm run inventory-crd)', () => {
    expect(fs.readFileSync(OUT, 'utf8')).toBe(generate());
  });

  test('is the CRD as data, behind a do-not-edit header', () => {
    const text = generate();
    expect(text.startsWith(`${HEADER}\n`)).toBe(true);
    expect(parse(text)).toEqual(INVENTORY_CRD);
  });
});
