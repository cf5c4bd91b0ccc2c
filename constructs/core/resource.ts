import { ApiObject, ApiObjectMetadataDefinition } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ANNOTATIONS, RuleId, Waiver } from '../../manifest';
import { emit, EmitMetadata } from './api-object';

/** Labels and annotations of a construct's own object. */
export interface MetadataProps {
  /** Labels of the object, in addition to the standard `app.kubernetes.io/*` and stack labels. @default - the standard labels */
  readonly labels?: Record<string, string>;
  /** Annotations of the object. @default - only those the construct needs */
  readonly annotations?: Record<string, string>;
}

/** What every construct that emits a main object takes: its name and metadata. */
export interface ResourceProps {
  /** The object's name. @default - derived from the construct id (`GpuLab` → `gpu-lab`) */
  readonly name?: string;
  /** Labels and annotations of the object itself. @default - the standard labels, and the annotations the construct needs */
  readonly metadata?: MetadataProps;
}

/** A Kubernetes object defined in this app, or one that exists outside it and is referenced by name. */
export interface IResource extends IConstruct {
  /** The object's name. */
  readonly name: string;
}

/** A namespaced {@link IResource}. */
export interface INamespacedResource extends IResource {
  /** The object's namespace. */
  readonly namespace: string;
}

/**
 * The base of every construct that emits a main object (as cdk8s-plus's `Resource`): its
 * `name`, `apiVersion` and `kind`, and the object itself under the id `Resource`, so that
 * `ApiObject.of(construct)` works and `apiObject` is the escape hatch for what the props do not
 * cover (`addJsonPatch`, extra labels and annotations).
 */
export abstract class Resource extends Construct implements IResource {
  public abstract readonly apiVersion: string;
  public abstract readonly kind: string;
  public abstract readonly name: string;
  /** The emitted object: the escape hatch (`apiObject.addJsonPatch(…)`, `apiObject.metadata.addLabel(…)`). */
  public abstract readonly apiObject: ApiObject;

  /** The object's metadata, to add labels and annotations after construction. */
  public get metadata(): ApiObjectMetadataDefinition {
    return this.apiObject.metadata;
  }

  /**
   * Waives a policy rule for this object (an exception the platform team agreed to): synth
   * lists its findings as waived instead of reporting them, until `expires` (`YYYY-MM-DD`, the
   * last day it holds); after that the waiver itself is an error. Written to the object's
   * `cdk8s-kubeflow.io/waivers` annotation, so `validate` honours it too.
   */
  public waive(rule: RuleId, reason: string, expires: string): void {
    this.waivers.push({ rule, reason, expires });
    this.apiObject.metadata.addAnnotation(ANNOTATIONS.waivers, JSON.stringify(this.waivers));
  }

  private readonly waivers: Waiver[] = [];

  /** Emits the main object under the id `Resource`, with the standard labels. */
  protected emitResource(meta: EmitMetadata, fields: object): ApiObject {
    return emit(this, 'Resource', { apiVersion: this.apiVersion, kind: this.kind }, meta, fields);
  }
}
