import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'cdk8s-kubeflow';
import { codeBlocks, linesNotIn } from '../../test/readme-section';
import { buildApp } from './main';

// The example's README: its snippet is main.ts as written, and its tables say what the runtime renders.
const README = readFileSync(join(__dirname, 'README.md'), 'utf8');
const objects = (buildApp().node.findChild('mxnet-example') as Stack).toJson();
const jobs = objects.find((o) => o.kind === 'ClusterTrainingRuntime').spec.template.spec.replicatedJobs;
const trainJob = objects.find((o) => o.kind === 'TrainJob');

/** The rows of the README's markdown table whose header starts with `first`. */
function table(first: string): string[][] {
  const start = README.indexOf(`| ${first} |`);
  const lines = README.slice(start).split('\n');
  const rows = lines.slice(2, lines.findIndex((l) => !l.startsWith('|')));
  return rows.map((r) => r.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim()));
}

describe('mxnet example README', () => {
  test('its snippet is main.ts, line for line', () => {
    expect(codeBlocks(README, 'ts')).toHaveLength(1);
    expect(linesNotIn(codeBlocks(README, 'ts'), join(__dirname, 'main.ts'))).toEqual([]);
  });

  test('the replicated jobs and containers are the runtime\'s, in order', () => {
    expect(table('replicated job').map((r) => [r[0].split(' ')[0], r[1]])).toEqual(
      jobs.map((j: any) => [`\`${j.name}\``, `\`${j.template.spec.template.spec.containers[0].name}\``]));
  });

  test('the variables are those every container gets, and the scheduler\'s address is the one shown', () => {
    const documented = table('variable').map((r) => r[0].replace(/`/g, ''));
    for (const j of jobs) {
      const env = j.template.spec.template.spec.containers[0].env.map((e: any) => e.name);
      // DMLC_INTERFACE only when networkInterface is set.
      expect(documented.filter((name) => name !== 'DMLC_INTERFACE').sort()).toEqual(env.sort());
    }
    const uri = jobs[0].template.spec.template.spec.containers[0].env.find((e: any) => e.name === 'DMLC_PS_ROOT_URI').value;
    const name = trainJob.metadata.name;
    expect(README).toContain(`\`${uri}\`: for TrainJob \`${name}\`, \`${uri.replace(/\$\(TRAIN_JOB_NAME\)/g, name)}\``);
  });
});
