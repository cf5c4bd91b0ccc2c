// YAML writers on the objects synth writes (the default stack and the every-kind app, repeated):
// ours (manifest/yaml-output.ts) against the `yaml` package with our options (the bytes we must
// match), with its defaults (YAML 1.2: leaves `yes`, `n`, `2026-01-01` unquoted, which YAML 1.1
// readers such as kubectl mistake), and js-yaml (when installed). Same process, interleaved,
// medians of --runs. Prints figures; asserts nothing.
//   npx tsx bench/yaml.ts [--runs 7] [--copies 20]
import { stringify } from 'yaml';
import { synthesize } from '../cli/synthesize';
import { toYaml, YAML_OUTPUT } from '../manifest';
import { buildApp } from '../stacks/main';
import { buildEveryKindApp } from '../test/every-kind';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = option('runs', 7);
const copies = option('copies', 20);

const objects = [buildApp(), buildEveryKindApp()].flatMap((app) => synthesize(app).sources.map((s) => s.object));
const input = Array.from({ length: copies }, () => objects).flat();
let jsYaml: { dump(v: unknown, o: object): string } | undefined;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: present as a dependency of a dependency
  jsYaml = require('js-yaml');
} catch {
  jsYaml = undefined;
}

const writers: Array<[string, (o: unknown) => string]> = [
  ['ours (toYaml)', toYaml],
  ['yaml stringify, our options (1.1 quoting, no wrap)', (o) => stringify(o, YAML_OUTPUT)],
  ['yaml stringify, defaults (1.2)', (o) => stringify(o)],
  ...(jsYaml ? [['js-yaml dump (noRefs, no wrap)', (o: unknown) => jsYaml!.dump(o, { noRefs: true, lineWidth: -1 })] as [string, (o: unknown) => string]] : []),
];
const reference = input.map((o) => stringify(o, YAML_OUTPUT));
const times = new Map<string, number[]>(writers.map(([name]) => [name, []]));
const same = new Map<string, number>();
for (let r = 0; r < runs; r++) {
  for (const [name, write] of writers) {
    const t = process.hrtime.bigint();
    const out = input.map(write);
    times.get(name)!.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r === 0) same.set(name, out.filter((y, i) => y === reference[i]).length);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ours = median(times.get(writers[0][0])!);
console.log(`${input.length} objects (${objects.length} distinct), medians of ${runs}:\n`);
console.log('| writer | ms | µs per object | × ours | bytes equal to yaml with our options |');
console.log('|---|---|---|---|---|');
for (const [name] of writers) {
  const ms = median(times.get(name)!);
  console.log(`| ${name} | ${ms.toFixed(0)} | ${(ms * 1000 / input.length).toFixed(1)} | ${(ms / ours).toFixed(1)} | ${same.get(name)} of ${input.length} |`);
}
