import { ManifestSource } from '../manifest';
import { loadKubeConfig } from '../policies/kube-client';
import { serverDryRun, ServerDryRunResult, ServerUnreachableError } from '../policies/server-dry-run';
import { plural } from './report';
import { UsageError } from './usage';

/**
 * The `--server` check shared by `validate` and `synth`: a server-side dry-run apply of every
 * object against the cluster of `kubeconfig` (default: $KUBECONFIG, then ~/.kube/config).
 * Progress goes to stderr; the summary line is part of the command's report.
 */
export async function serverCheck(sources: ManifestSource[], kubeconfig: string | undefined): Promise<ServerDryRunResult & { rejected: number; summary: string }> {
  let kc;
  try {
    kc = loadKubeConfig(kubeconfig);
  } catch (e) {
    throw new UsageError(`--server: ${(e as Error).message}${kubeconfig === undefined ? '; pass --kubeconfig <file> or set KUBECONFIG' : ''}`);
  }
  const server = kc.getCurrentCluster()?.server;
  if (!server) {
    const current = kc.getCurrentContext();
    const contexts = kc.getContexts().map((c) => c.name);
    throw new UsageError(`--server: ${current ? `the kubeconfig's current-context "${current}" names no context with a cluster` : 'the kubeconfig has no current-context'}`
      + `${contexts.length ? ` (contexts: ${contexts.join(', ')})` : ''}; choose one with \`kubectl config use-context <name>\`${kubeconfig === undefined ? ' or pass --kubeconfig' : ''}`);
  }
  process.stderr.write(`server dry run: ${plural(sources.length, 'object')} against ${server}…\n`);
  let result;
  try {
    result = await serverDryRun(kc, sources);
  } catch (e) {
    if (e instanceof ServerUnreachableError) throw new UsageError(`--server: ${e.message}; check the kubeconfig's current context or pass --kubeconfig`);
    throw e;
  }
  const rejected = new Set(result.findings.map((f) => `${f.file}|${f.resource}`)).size;
  const note = result.retargeted ? `; ${result.retargeted} checked in namespace "default" because a Profile or Namespace of this set creates theirs` : '';
  return { ...result, rejected, summary: `server dry run: ${plural(result.checked, 'object')}, ${rejected} rejected${note}\n` };
}
