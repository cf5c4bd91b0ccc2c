import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkName, lazy, NameRule, Resource, ResourceProps, resourceName } from '../core';
import { ApplicationSpec } from '../wire/argoproj-io';
import { ApplicationSpecProps, renderApplicationSpec } from './application-spec';

/** The namespace Argo CD runs in, and reads Applications and AppProjects from, by default. */
export const ARGOCD_NAMESPACE = 'argocd';

export interface ArgoCdApplicationProps extends ResourceProps, ApplicationSpecProps {
  /** Argo CD's namespace (or one of its `application.namespaces`). @default 'argocd' */
  readonly namespace?: string;
  /**
   * Delete the Application's objects when the Application is deleted (Argo CD's
   * `resources-finalizer.argocd.argoproj.io`). Without it, deleting the Application leaves them.
   * @default false
   */
  readonly cascadeDelete?: boolean;
}

/**
 * An Argo CD Application (`argoproj.io/v1alpha1`): what to read (`source` or `sources`), where
 * to apply it (`destination`, by server or by cluster name), and how to sync (`syncPolicy`).
 */
export class ArgoCdApplication extends Resource {
  public readonly apiVersion = 'argoproj.io/v1alpha1';
  public readonly kind = 'Application';
  public readonly name: string;
  public readonly namespace: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoCdApplicationProps) {
    super(scope, id);
    this.name = resourceName(this, props.name);
    this.namespace = checkName(this, 'namespace', props.namespace ?? ARGOCD_NAMESPACE, NameRule.LABEL);
    const spec: ApplicationSpec = renderApplicationSpec(this, '', props);
    this.apiObject = this.emitResource({
      name: this.name, namespace: this.namespace, appName: 'application', component: 'gitops', ...props.metadata,
    }, { spec: lazy(() => this.computeSpec?.(spec) ?? spec) });
    if (props.cascadeDelete) this.apiObject.metadata.addFinalizers('resources-finalizer.argocd.argoproj.io');
  }

  private computeSpec?: (spec: ApplicationSpec) => ApplicationSpec;

  /** Completes the checked spec at synth, from what the delivered stack emits then. @internal */
  public _computeSpec(compute: (spec: ApplicationSpec) => ApplicationSpec): void {
    this.computeSpec = compute;
  }
}
