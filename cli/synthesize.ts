import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { ConstructWarning, collectWarnings } from '../constructs/core/warnings';
import { describeResource, Finding, Manifest, ManifestSource } from '../policies/findings';

/** Everything one synth produced, before anything is written. */
export interface SynthResult {
  /** Path relative to the output directory → YAML. */
  readonly files: Map<string, string>;
  /** The objects with the files they go to, in file order. */
  readonly sources: ManifestSource[];
  /** Errors from construct validations (`node.addValidation`) and identity clashes. */
  readonly findings: Finding[];
  readonly warnings: ConstructWarning[];
}

/**
 * Turns an app into files: one YAML file per object at
 * `<stack>/<namespace or _cluster>/<kind>-<name>.yaml`, so a PR diff shows one object per file.
 */
export function synthesize(app: App): SynthResult {
  const findings: Finding[] = [];
  for (const c of app.node.findAll()) {
    for (const message of c.node.validate()) {
      findings.push({ severity: 'error', rule: 'construct', resource: c.node.path, path: '.', message });
    }
  }
  const files = new Map<string, string>();
  const sources: ManifestSource[] = [];
  // Chart.toJson() would throw on the first failed validation; report them all instead.
  if (findings.length) return { files, sources, findings, warnings: collectWarnings(app) };
  const charts = app.node.findAll().filter((c): c is Chart => Chart.isChart(c));
  for (const chart of charts) {
    const stack = chart.node.scopes[1]?.node.id ?? chart.node.id;
    for (const object of chart.toJson() as Manifest[]) {
      const file = fileFor(stack, object);
      if (files.has(file)) {
        findings.push({
          severity: 'error', rule: 'identity/duplicate', file, resource: describeResource(object), path: '.metadata.name',
          message: `another object of stack "${stack}" has the same kind, namespace and name; the cluster would keep only one`,
          fix: 'rename one of them',
        });
        continue;
      }
      files.set(file, stringify(object, { lineWidth: 0 }));
      sources.push({ file, object });
    }
  }
  sources.sort((a, b) => a.file!.localeCompare(b.file!));
  const sorted = new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return { files: sorted, sources, findings, warnings: collectWarnings(app) };
}

function fileFor(stack: string, m: Manifest): string {
  const ns = m.metadata?.namespace ?? '_cluster';
  return `${stack}/${ns}/${m.kind.toLowerCase()}-${m.metadata?.name ?? 'unnamed'}.yaml`;
}
