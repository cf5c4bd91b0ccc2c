import { ManifestSource } from '../manifest';
import { loadKubeConfig } from '../policies/kube-client';
import { serverDryRun, ServerDryRunResult, ServerUnreachableError } from '../policies/server-dry-run';
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
    throw new UsageError(`--server: ${(e as Error).message}; pass --kubeconfig <file> or set KUBECONFIG`);
  }
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new UsageError(`--server: the kubeconfig has no current context (current-context: "${kc.getCurrentContext() ?? ''}"); set one with \`kubectl config use-context\` or pass --kubeconfig`);
  process.stderr.write(`server dry run: ${sources.length} objects against ${server}…\n`);
  let result;
  try {
    result = await serverDryRun(kc, sources);
  } catch (e) {
    if (e instanceof ServerUnreachableError) throw new UsageError(`--server: ${e.message}; check the kubeconfig's current context or pass --kubeconfig`);
    throw e;
  }
  const rejected = new Set(result.findings.map((f) => `${f.file}|${f.resource}`)).size;
  const note = result.retargeted ? `; ${result.retargeted} checked in namespace "default" because a Profile or Namespace of this set creates theirs` : '';
  return { ...result, rejected, summary: `server dry run: ${result.checked} objects, ${rejected} rejected${note}\n` };
}
