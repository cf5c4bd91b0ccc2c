// The schedule's run-creating script with the real kfp SDK (the pinned venv of test/kfp.ts)
// against a stub of the KFP API: what it sends, and how it fails.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { kfpPython } from '../../test/kfp';
import { manifest, testStack } from '../../test/util';
import { ContainerComponent } from './component';
import { KfpPipeline } from './kfp-pipeline';
import { PipelineComponent } from './pipeline';
import { Param } from './types';

interface Seen { method: string; url: string; auth?: string; body?: any }

/** A stub KFP API (v2beta1): one pipeline with one version in namespace `team`, runs ending in `runState`. */
async function stubKfp(runState: string, pipelines = 1): Promise<{ url: string; seen: Seen[]; close: () => void }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d) => { text += d; });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body: text ? JSON.parse(text) : undefined });
      const u = new URL(req.url!, 'http://stub');
      const reply = (body: unknown, status = 200) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
      if (req.method === 'GET' && u.pathname === '/apis/v2beta1/pipelines') return reply({ pipelines: Array.from({ length: pipelines }, (_, i) => ({ pipeline_id: `p-${i}`, display_name: 'hello' })), total_size: pipelines });
      if (req.method === 'GET' && u.pathname === '/apis/v2beta1/pipelines/p-0/versions') return reply({ pipeline_versions: [{ pipeline_id: 'p-0', pipeline_version_id: 'v-1', display_name: JSON.parse(u.searchParams.get('filter')!).predicates[0].stringValue }], total_size: 1 });
      if (req.method === 'GET' && u.pathname === '/apis/v2beta1/experiments') return reply({ experiments: [], total_size: 0 });
      if (req.method === 'POST' && u.pathname === '/apis/v2beta1/experiments') return reply({ experiment_id: 'e-1', display_name: 'nightly', namespace: 'team' });
      if (req.method === 'POST' && u.pathname === '/apis/v2beta1/runs') return reply({ run_id: 'r-1', state: 'PENDING' });
      if (req.method === 'GET' && u.pathname === '/apis/v2beta1/runs/r-1') return reply({ run_id: 'r-1', state: runState });
      return reply({ error: 'not found' }, 404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => server.close() };
}

/** The CronJob's container of a schedule of pipeline `hello`. */
function scheduleContainer(): any {
  const stack = testStack();
  const hello = PipelineComponent.define({ name: 'hello', inputs: { who: Param.string() } }, (p, i) => { p.task(ContainerComponent.define({ name: 'echo', inputs: { x: Param.string() }, image: 'busybox' }), { x: i.who }); });
  new KfpPipeline(stack, 'Hello', { namespace: 'team', pipeline: hello }).addSchedule('Nightly', { cron: '0 2 * * *', experiment: 'nightly', image: 'kfp-sdk', parameters: { who: 'world' } });
  return manifest(stack, 'CronJob').spec.jobTemplate.spec.template.spec.containers[0];
}

/** Runs the container's command with the kfp venv against `url` (asynchronously: the stub answers in this process). */
function runScript(container: any, url: string): Promise<{ status: number | null; output: string }> {
  const token = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-token-')), 'token');
  fs.writeFileSync(token, 'the-token');
  const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value]));
  const child = spawn(kfpPython(), container.command.slice(1), { env: { ...process.env, ...env, KFP_HOST: url, KF_PIPELINES_SA_TOKEN_PATH: token, HOME: os.tmpdir() } });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}

describe('the schedule creates a run of this version through the KFP API', () => {
  test('with the projected token, in the namespace, by display name, and waits for it', async () => {
    const kfp = await stubKfp('SUCCEEDED');
    try {
      const container = scheduleContainer();
      const version = container.env.find((e: any) => e.name === 'KFP_VERSION').value;
      const { status, output } = await runScript(container, kfp.url);
      expect(output).toContain(`created run r-1 of ${version} in experiment nightly`);
      expect(output).toContain('run r-1: SUCCEEDED');
      expect(status).toBe(0);
      expect(kfp.seen.every((s) => s.auth === 'Bearer the-token')).toBe(true);
      const list = new URL(kfp.seen.find((s) => s.url.startsWith('/apis/v2beta1/pipelines?'))!.url, 'http://stub');
      expect(list.searchParams.get('namespace')).toBe('team');
      expect(JSON.parse(list.searchParams.get('filter')!).predicates[0]).toMatchObject({ key: 'display_name', stringValue: 'hello' });
      const run = kfp.seen.find((s) => s.method === 'POST' && s.url === '/apis/v2beta1/runs')!.body;
      expect(run).toMatchObject({ display_name: version, experiment_id: 'e-1', pipeline_version_reference: { pipeline_id: 'p-0', pipeline_version_id: 'v-1' }, runtime_config: { parameters: { who: 'world' } } });
    } finally {
      kfp.close();
    }
  }, 120_000);

  test('a failed or cancelled run fails the Job; an ambiguous pipeline name is an error that says so', async () => {
    for (const state of ['FAILED', 'CANCELED']) {
      const ended = await stubKfp(state);
      try {
        const { status, output } = await runScript(scheduleContainer(), ended.url);
        expect(output).toContain(`run r-1: ${state}`);
        expect(status).toBe(1);
      } finally {
        ended.close();
      }
    }
    const two = await stubKfp('SUCCEEDED', 2);
    try {
      const { status, output } = await runScript(scheduleContainer(), two.url);
      expect(output).toContain('2 pipelines named hello in namespace team; expected one');
      expect(status).toBe(1);
      expect(two.seen.some((s) => s.url === '/apis/v2beta1/runs')).toBe(false);
    } finally {
      two.close();
    }
  }, 120_000);
});
