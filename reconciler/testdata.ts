/** Loads reconciler/testdata/*.yaml fixtures. Test helper only. */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { Manifest } from '../manifest';

export const TESTDATA = path.join(__dirname, 'testdata');

/** A fixture of reconciler/testdata, or of health/ (`health:<group>/<Kind>/testdata/<file>`). */
export function fixture(name: string): Manifest {
  const file = name.startsWith('health:') ? path.join(__dirname, '..', 'health', name.slice('health:'.length)) : path.join(TESTDATA, name);
  return parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

export function allTestdata(): { file: string; object: Manifest }[] {
  return fs.readdirSync(TESTDATA).filter((f) => f.endsWith('.yaml')).sort().map((file) => ({ file, object: fixture(file) }));
}
