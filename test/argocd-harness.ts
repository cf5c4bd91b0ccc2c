import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Argo CD's own code as tests call it: tools/argocd-lua, built once per user into the tool cache
// by scripts/argocd-lua.sh (against github.com/argoproj/argo-cd/v3; minutes the first time,
// reused after). Call `argocdHarness()` in a `beforeAll` with ARGOCD_BUILD_TIMEOUT_MS.

const ROOT = join(__dirname, '..');
/** A cold build (Go toolchain and Argo CD's modules downloaded) takes about 5 minutes. */
export const ARGOCD_BUILD_TIMEOUT_MS = 30 * 60_000;
const MAX_BUFFER = 256 << 20;

let binary: string | undefined;

/** The harness binary's path, built (or found in the cache) on first call. */
export function argocdHarness(): string {
  binary ??= execFileSync('bash', [join(ROOT, 'scripts', 'argocd-lua.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: ARGOCD_BUILD_TIMEOUT_MS })
    .trim().split('\n').pop()!;
  return binary;
}

function run(args: readonly string[], input: unknown): unknown {
  const result = spawnSync(argocdHarness(), args, { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: MAX_BUFFER });
  if (result.status !== 0) throw new Error(`argocd-lua ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Argo CD's health assessment of one object; `status` is absent when Argo CD has none for the kind. */
export interface ArgoHealth { readonly status?: string; readonly message?: string; readonly error?: string }

/** Argo CD's assessment of each object, in order, with `data` as argocd-cm's data (its `resource.customizations.health.*` keys). */
export function argocdHealth(objects: readonly unknown[], data: Readonly<Record<string, string>>): ArgoHealth[] {
  return run([], { data, objects }) as ArgoHealth[];
}

/** An object as Argo CD compares it; `error` names a matching rule Argo CD skipped on it (it only logs those). */
export interface ArgoNormalized { readonly object: any; readonly error?: string }

/** Each object with an Application's `spec.ignoreDifferences` removed by Argo CD's own normalizer, in order. */
export function argocdNormalize(ignoreDifferences: readonly unknown[], objects: readonly unknown[]): ArgoNormalized[] {
  const dir = mkdtempSync(join(tmpdir(), 'argocd-ignore-'));
  try {
    const file = join(dir, 'ignore.json');
    writeFileSync(file, JSON.stringify(ignoreDifferences));
    return run(['normalize', file], objects) as ArgoNormalized[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What an AppProject permits an Application: its destination, and each of `objects` (kind and namespace), as Argo CD checks them. */
export interface ArgoPermitted { readonly destination: boolean; readonly objects: boolean[] }

/** Checks `application` and `objects` against `project` with the project's own IsDestinationPermitted and IsResourcePermitted. */
export function argocdPermitted(project: unknown, application: unknown, objects: readonly unknown[]): ArgoPermitted {
  return run(['permitted'], { project, application, objects }) as ArgoPermitted;
}
