import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

// The import rules of the layout (DESIGN.md's table; README "Development"): data flows one way,
// and the contract module (manifest/) is what every part shares.
const ROOT = join(__dirname, '..');
const TOP = ['manifest', 'constructs', 'policies', 'health', 'reconciler', 'cli', 'stacks', 'examples', 'scripts', 'bench', 'test'];

/** Which of our top-level folders each folder's code may import (npm packages are not ours). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  manifest: [],
  constructs: ['manifest'],
  policies: ['manifest'],
  health: ['manifest'],
  reconciler: ['manifest', 'health'],
  cli: ['manifest', 'constructs', 'policies', 'health', 'reconciler'],
  // The default app and the examples use the package as a user does ('cdk8s-kubeflow').
  stacks: [],
  examples: [],
};
/** Constructs' domains; each may use core/ and the generated wire types freely, another domain only through its index. */
const SHARED_IN_CONSTRUCTS = ['core', 'wire'];

interface Import { readonly from: string; readonly spec: string; readonly to?: string }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'lib', 'dist', '.cache', 'fixtures'].includes(e.name) ? [] : sourceFiles(path);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: spec }) => ({
    from: relative(ROOT, file),
    spec,
    to: spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : undefined,
  }));
}

const all = TOP.flatMap((d) => { try { return sourceFiles(join(ROOT, d)); } catch { return []; } }).flatMap(importsOf);
const topOf = (path: string) => path.split(sep)[0];
const isTest = (file: string) => /\.test\.ts$/.test(file) || topOf(file) === 'test';

test('each folder imports only the folders the layout allows (tests may use test helpers)', () => {
  const violations = all.filter((i) => {
    const from = topOf(i.from);
    if (!(from in MAY_IMPORT) || i.to === undefined) return false;
    const to = topOf(i.to);
    if (to === from) return false;
    if (to === 'test' && isTest(i.from)) return false;
    // Tests may take the default app and the examples as realistic input.
    return !MAY_IMPORT[from].includes(to) && !(isTest(i.from) && ['manifest', 'constructs', 'policies', 'cli', 'stacks', 'examples'].includes(to));
  }).map((i) => `${i.from} imports ${i.spec}`);
  expect(violations).toEqual([]);
});

test('the contract module imports nothing of ours, and policies/ never reaches constructs/', () => {
  expect(all.filter((i) => topOf(i.from) === 'manifest' && i.to && topOf(i.to) !== 'manifest').map((i) => i.from)).toEqual([]);
  expect(all.filter((i) => topOf(i.from) === 'policies' && i.to && topOf(i.to) === 'constructs').map((i) => i.from)).toEqual([]);
  // ...and it is what cli/ and policies/ use.
  for (const user of ['cli', 'policies']) expect(all.some((i) => topOf(i.from) === user && i.to && topOf(i.to) === 'manifest')).toBe(true);
});

test('stacks/ and examples/ import the package by name, as users do', () => {
  const relativeToOurs = all.filter((i) => ['stacks', 'examples'].includes(topOf(i.from)) && !isTest(i.from) && i.to && !['stacks', 'examples'].includes(topOf(i.to)));
  expect(relativeToOurs.map((i) => `${i.from} imports ${i.spec}`)).toEqual([]);
});

test('a construct domain uses core/ and wire/ directly, and other domains only through their index', () => {
  const violations = all.filter((i) => {
    if (!i.to || topOf(i.from) !== 'constructs' || topOf(i.to) !== 'constructs' || isTest(i.from)) return false;
    const [, fromDomain] = i.from.split(sep);
    const [, toDomain, ...rest] = i.to.split(sep);
    if (fromDomain === toDomain || SHARED_IN_CONSTRUCTS.includes(toDomain) || rest.length === 0) return false;
    if (fromDomain === 'core' || fromDomain === 'wire') return true; // the shared parts know no domain
    return rest.join('/') !== 'index'; // '../tenancy' resolves to the folder itself
  }).map((i) => `${i.from} imports ${i.spec}`);
  expect(violations).toEqual([]);
});
