// Measures synth and validation. Prints figures; asserts nothing (timing belongs here, not in tests).
//   npm run bench            default stack + a large generated stack
//   npm run bench -- 200 10  200 tenants × 10 notebooks
import { App } from 'cdk8s';
import { synthesize } from '../cli/synthesize';
import { Cpu, Gpu, Notebook, Size, Stack, Tenant } from '../constructs';
import { SchemaValidator } from '../policies/schema-validator';
import { buildApp } from '../stacks/main';

function time<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const result = fn();
  return [result, Number(process.hrtime.bigint() - t) / 1e6];
}

function largeApp(tenants: number, notebooksPerTenant: number): App {
  const app = new App();
  const stack = new Stack(app, 'bench');
  for (let t = 0; t < tenants; t++) {
    const tenant = new Tenant(stack, `team-${t}`, { owner: `owner${t}@example.com`, quota: { cpu: Cpu.units(32), gpu: Gpu.nvidia(4) } });
    for (let n = 0; n < notebooksPerTenant; n++) {
      new Notebook(stack, `t${t}-nb${n}`, { tenant, resources: { memory: { request: Size.gibibytes(2) }, gpu: n % 5 === 0 ? Gpu.nvidia(1) : undefined } });
    }
  }
  return app;
}

function report(label: string, app: () => App): void {
  const [built, buildMs] = time(app);
  const [result, synthMs] = time(() => synthesize(built));
  const validator = new SchemaValidator(); // fresh, so the cold figure includes compiling
  const [coldFindings, coldMs] = time(() => result.sources.flatMap((s) => validator.validate(s)));
  const [, warmMs] = time(() => result.sources.flatMap((s) => validator.validate(s)));
  const n = result.sources.length;
  console.log(`${label}: ${n} objects`);
  console.log(`  construct:            ${buildMs.toFixed(1)} ms`);
  console.log(`  synthesize (to YAML): ${synthMs.toFixed(1)} ms  (${(synthMs / n).toFixed(3)} ms/object)`);
  console.log(`  validate, cold:       ${coldMs.toFixed(1)} ms  (includes compiling each kind's schema once)`);
  console.log(`  validate, warm:       ${warmMs.toFixed(1)} ms  (${(warmMs / n).toFixed(3)} ms/object)`);
  console.log(`  findings:             ${coldFindings.length}`);
}

const [tenants = 100, notebooks = 10] = process.argv.slice(2).map(Number);
report('default stack (stacks/main.ts)', buildApp);
report(`generated stack (${tenants} tenants × ${notebooks} notebooks)`, () => largeApp(tenants, notebooks));
