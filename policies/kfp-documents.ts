// The documents kfp writes that are not Kubernetes objects: a compiled pipeline is a PipelineSpec
// (the pipeline IR) and, when it has Kubernetes settings, a PlatformSpec as the file's second
// YAML document. Both are protobuf messages of kubeflow/pipelines' pipeline_spec.proto in its
// JSON form; the schemas folder keys their JSON schemas by the message's full name. A
// PipelineVersion (pipelines.kubeflow.org) holds the same two documents in its spec.

/** The pipeline IR. */
export const PIPELINE_SPEC = 'ml_pipelines.PipelineSpec';
/** The platform settings (`platforms: {kubernetes: …}`), the second document of a compiled pipeline. */
export const PLATFORM_SPEC = 'ml_pipelines.PlatformSpec';
/** The protobuf messages the `schemas` command writes a document schema for. */
export const KFP_DOCUMENTS: readonly string[] = [PIPELINE_SPEC, PLATFORM_SPEC];

/** The top-level fields of a PipelineSpec (JSON names). */
const PIPELINE_SPEC_FIELDS = ['pipelineInfo', 'root', 'components', 'deploymentSpec', 'schemaVersion', 'sdkVersion', 'defaultPipelineRoot'];

/**
 * The message of a document kfp writes (PIPELINE_SPEC or PLATFORM_SPEC), or undefined for
 * anything else. A document without apiVersion and kind is a PipelineSpec when it has
 * `pipelineInfo` or `root` and another of the IR's top-level fields (so that one misspelt field
 * is still reported as such), and a PlatformSpec when it has `platforms`.
 */
export function documentTypeOf(object: unknown): string | undefined {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  const o = object as Record<string, unknown>;
  if (o.apiVersion !== undefined || o.kind !== undefined) return undefined;
  const fields = Object.keys(o).filter((k) => PIPELINE_SPEC_FIELDS.includes(k));
  if (('pipelineInfo' in o || 'root' in o) && fields.length >= 2) return PIPELINE_SPEC;
  if ('platforms' in o) return PLATFORM_SPEC;
  return undefined;
}

/** The group and kind rules select a document by: its message's package and name (`ml_pipelines`, `PipelineSpec`). */
export function documentKind(type: string): { group: string; kind: string } {
  const dot = type.lastIndexOf('.');
  return { group: type.slice(0, dot), kind: type.slice(dot + 1) };
}

/** How reports name a document: `PipelineSpec <pipelineInfo.name>`, `PlatformSpec`. */
export function describeDocument(object: Record<string, unknown>, type: string): string {
  const { kind } = documentKind(type);
  if (type !== PIPELINE_SPEC) return kind;
  const info = object.pipelineInfo as Record<string, unknown> | undefined;
  const name = typeof info === 'object' && info !== null && typeof info.name === 'string' && info.name !== '' ? info.name : '<unnamed>';
  return `${kind} ${name}`;
}

/** Where a kind holds documents: a PipelineVersion's `spec.pipelineSpec` and `spec.platformSpec` (JSON pointers). */
export function embeddedDocuments(apiVersion: string, kind: string): readonly { pointer: string; type: string }[] {
  return apiVersion.startsWith('pipelines.kubeflow.org/') && kind === 'PipelineVersion' ? EMBEDDED : [];
}

const EMBEDDED = [{ pointer: '/spec/pipelineSpec', type: PIPELINE_SPEC }, { pointer: '/spec/platformSpec', type: PLATFORM_SPEC }];
