import { parse } from 'yaml';
import { Manifest } from '../../../manifest';
import { asObject, asString, Json } from '../json';
import { RuleContext } from '../rule';
import { specOf } from './experiment';

/** The trial template as Katib's webhook reads it (GetTrialTemplate in pkg/controller.v1beta1/experiment/manifest/generator.go). */
export interface TrialTemplateText {
  /** The template as a string: the trialSpec as JSON, or the ConfigMap's entry. */
  readonly text: string;
  /** The template as an object, when it parses. */
  readonly object?: Json;
  /** Where the template is, for findings: `.spec.trialTemplate.trialSpec`, or the configMap reference. */
  readonly path: string;
}

/** The ConfigMap reference of a trial template (`spec.trialTemplate.configMap`). */
export interface ConfigMapRef {
  readonly name: string;
  readonly namespace: string;
  readonly key: string;
}

export function configMapRefOf(e: Manifest): ConfigMapRef | undefined {
  const cm = asObject(asObject(specOf(e).trialTemplate)?.configMap);
  if (!cm) return undefined;
  return { name: asString(cm.configMapName) ?? '', namespace: asString(cm.configMapNamespace) ?? '', key: asString(cm.templatePath) ?? '' };
}

/** The ConfigMap `ref` names, when it is one of the objects checked. */
export function configMapOf(ref: ConfigMapRef, context: RuleContext<unknown>): Manifest | undefined {
  return context.objectNamed('', 'ConfigMap', ref.name, ref.namespace)?.object;
}

/**
 * The trial template of an experiment: its trialSpec, or the entry of a ConfigMap that is one of
 * the objects checked. Undefined when there is neither (a ConfigMap that may exist in the cluster).
 */
export function trialTemplateOf(e: Manifest, context: RuleContext<unknown>): TrialTemplateText | undefined {
  const template = asObject(specOf(e).trialTemplate);
  const trialSpec = asObject(template?.trialSpec);
  if (trialSpec) return { text: JSON.stringify(trialSpec), object: trialSpec, path: '.spec.trialTemplate.trialSpec' };
  const ref = configMapRefOf(e);
  if (!ref || template?.trialSpec !== undefined) return undefined;
  const text = asString(asObject(configMapOf(ref, context)?.data)?.[ref.key]);
  if (text === undefined) return undefined;
  return { text, object: parseObject(text), path: '.spec.trialTemplate.configMap' };
}

function parseObject(text: string): Json | undefined {
  try {
    return asObject(parse(text));
  } catch {
    return undefined;
  }
}
