import type { ParseOptions, DocumentOptions, SchemaOptions } from 'yaml';

/**
 * Read YAML the way kubectl and the API server do (sigs.k8s.io/yaml, YAML 1.1): `yes`, `on`,
 * `off` are booleans and `0755` is octal, so `value: yes` in an env var is caught here as it
 * is by the server. Unlike the `yaml` package's 1.1 schema, timestamps and sexagesimal numbers
 * (`1:20`) stay strings, since the Kubernetes decoders do not convert them either.
 */
export const KUBE_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags) => tags.filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME')),
};

/**
 * Read the documents kfp writes (pipeline IR) the way KFP's backend does (gopkg.in/yaml.v3,
 * YAML 1.2's core schema): `n`, `y`, `yes` and `on` are strings. kfp's writer (PyYAML) leaves
 * `n` and `y` unquoted, so read as Kubernetes YAML an input named `n` would become `false`.
 */
export const KFP_YAML: ParseOptions & DocumentOptions & SchemaOptions = { version: '1.2' };
