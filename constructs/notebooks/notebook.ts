import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ContainerProps, Cpu, emit, EnvMap, fail, lazy, NameRule, PodProps, renderPodTemplate, resolveNamespace,
  resourceName, ResourcesProps, Size, sizeQuantity, Volume, VolumeMount, checkName,
} from '../core';
import { PodDefault, Tenant } from '../tenancy';
import { NotebookImage, NotebookServerType } from './notebook-image';
import { Workspace } from './workspace';

/** An extra data volume mounted into the notebook. */
export interface DataVolume {
  /** PVC name. */
  readonly claimName: string;
  /** Absolute mount path, e.g. `/data`. */
  readonly mountPath: string;
  /** When set, the notebook creates the PVC with this size; when left out, the PVC must already exist. @default - existing PVC */
  readonly size?: Size;
  /** Only with `size`. @default - the cluster's default StorageClass */
  readonly storageClass?: string;
  /** @default false */
  readonly readOnly?: boolean;
}

export interface NotebookProps {
  /** @default NotebookImage.jupyter() */
  readonly image?: NotebookImage;
  /** The tenant whose namespace runs the notebook. @default - `namespace` */
  readonly tenant?: Tenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** Notebook name (also its Service, StatefulSet and URL path). @default - derived from the construct id */
  readonly name?: string;
  /** @default - 0.5 CPU requested (limit 1), 1 GiB memory requested and limited */
  readonly resources?: ResourcesProps;
  /** @default Workspace.newVolume() (10 GiB at /home/jovyan) */
  readonly workspace?: Workspace;
  /** @default - none */
  readonly dataVolumes?: DataVolume[];
  /** PodDefaults (configurations) to apply; they must be in the notebook's namespace. @default - none */
  readonly podDefaults?: PodDefault[];
  /** @default - none */
  readonly env?: EnvMap;
  /**
   * Node selection, tolerations, service account and other pod settings; `labels` go on the
   * Notebook, which the controller copies to its pod. `annotations` are not possible (the
   * controller copies none): select a PodDefault that sets them instead.
   * @default - service account `default-editor`
   */
  readonly pod?: PodProps;
  /**
   * Stops the notebook (Kubeflow's `kubeflow-resource-stopped` annotation scales it to zero; the
   * workspace is kept). Idle culling is a notebook-controller setting (`ENABLE_CULLING`,
   * `CULL_IDLE_TIME`), not a per-notebook one.
   * @default false
   */
  readonly stopped?: boolean;
}

const HOME = '/home/jovyan';
const PORT = 8888;

/**
 * A Kubeflow Notebook server (Jupyter, VS Code or RStudio) with its workspace volume, data
 * volumes and PodDefault selection, as the Kubeflow notebook UI would create it.
 */
export class Notebook extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly image: NotebookImage;
  private readonly dataVolumes: DataVolume[] = [];
  private readonly resource: ApiObject;
  private readonly props: NotebookProps;

  constructor(scope: Construct, id: string, props: NotebookProps = {}) {
    super(scope, id);
    this.props = props;
    // The controller names a StatefulSet after the notebook; its pods' controller-revision-hash
    // label (name + 11 characters) must fit in 63, and the Service name must be a DNS-1035 label.
    this.name = resourceName(this, props.name, NameRule.LABEL_1035, 52);
    this.namespace = resolveNamespace(this, props);
    if (props.pod?.annotations) {
      fail(this, 'pod.annotations', 'a Notebook cannot annotate its pod: its template has no metadata and the controller copies only labels',
        'put the annotations in a PodDefault (its `annotations`) and select it with `podDefaults`');
    }
    this.image = props.image ?? NotebookImage.jupyter();
    const workspace = props.workspace ?? Workspace.newVolume();
    if (workspace.mode === 'new') this.claim('Workspace', `${this.name}-workspace`, workspace.size!, workspace.storageClass);
    if (workspace.mode === 'existing') checkName(this, 'workspace', workspace.claimName!);

    for (const v of props.dataVolumes ?? []) this.addDataVolume(v);
    // Render once now so that bad input fails here, with this construct's path, not at synth.
    this.renderTemplate();

    const annotations: Record<string, string> = { 'notebooks.kubeflow.org/server-type': this.image.serverType };
    if (this.image.serverType !== NotebookServerType.JUPYTER) {
      // VS Code and RStudio serve from "/", so the gateway must strip /notebook/<ns>/<name>/.
      annotations['notebooks.kubeflow.org/http-rewrite-uri'] = '/';
    }
    if (this.image.serverType === NotebookServerType.RSTUDIO) {
      annotations['notebooks.kubeflow.org/http-headers-request-set'] = JSON.stringify({ 'X-RStudio-Root-Path': `/notebook/${this.namespace}/${this.name}/` });
    }
    if (props.stopped) annotations['kubeflow-resource-stopped'] = 'true';

    // The Notebook CRD's pod template has no metadata: the controller copies the Notebook's own
    // labels to its pods, which is where PodDefault selectors must go.
    this.resource = emit(this, 'Resource', { apiVersion: 'kubeflow.org/v1', kind: 'Notebook' },
      { name: this.name, namespace: this.namespace, appName: 'notebook', component: 'notebook', annotations, labels: props.pod?.labels },
      { spec: lazy(() => ({ template: { spec: this.renderTemplate().spec } })) });
    for (const pd of props.podDefaults ?? []) this.addPodDefault(pd);
  }

  /** Mounts another data volume (creating its PVC when `size` is set). */
  public addDataVolume(volume: DataVolume): void {
    checkName(this, 'dataVolumes.claimName', volume.claimName);
    if (this.dataVolumes.some((v) => v.claimName === volume.claimName)) {
      fail(this, 'dataVolumes', `claim "${volume.claimName}" is mounted twice`, 'mount each claim once');
    }
    if (volume.size) this.claim(`Data-${volume.claimName}`, volume.claimName, volume.size, volume.storageClass);
    else if (volume.storageClass) fail(this, 'dataVolumes.storageClass', `is set for the existing claim "${volume.claimName}"`, 'give a size to create the claim, or drop storageClass');
    this.dataVolumes.push(volume);
    // Once constructed, fail here (e.g. a relative mount path) rather than at synth.
    if (this.resource) this.renderTemplate();
  }

  /** Applies a PodDefault (configuration) to the notebook's pod. */
  public addPodDefault(podDefault: PodDefault): void {
    if (podDefault.namespace !== this.namespace) {
      fail(this, 'podDefaults', `PodDefault "${podDefault.name}" is in namespace "${podDefault.namespace}", the notebook in "${this.namespace}"`,
        'PodDefaults only apply within their own namespace: define one in the notebook\'s namespace');
    }
    this.resource.metadata.addLabel(podDefault.selectorLabel.key, podDefault.selectorLabel.value);
  }

  private claim(id: string, name: string, size: Size, storageClass: string | undefined): void {
    if (storageClass !== undefined) checkName(this, 'storageClass', storageClass);
    emit(this, id, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
      { name, namespace: this.namespace, appName: 'notebook', component: 'storage', instance: this.name },
      {
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: sizeQuantity(size) } },
          storageClassName: storageClass,
        },
      });
  }

  private renderTemplate() {
    const props = this.props;
    const workspace = props.workspace ?? Workspace.newVolume();
    const mounts: VolumeMount[] = [];
    if (workspace.mode !== 'none') {
      const claimName = workspace.mode === 'new' ? `${this.name}-workspace` : workspace.claimName!;
      mounts.push({ volume: Volume.fromPersistentVolumeClaim(claimName), path: HOME });
    }
    for (const v of this.dataVolumes) {
      mounts.push({ volume: Volume.fromPersistentVolumeClaim(v.claimName), path: v.mountPath, readOnly: v.readOnly });
    }
    const container: ContainerProps = {
      image: this.image.image,
      env: props.env,
      resources: props.resources ?? {
        cpu: { request: Cpu.millis(500), limit: Cpu.units(1) },
        memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
      },
      mounts,
      ports: [{ containerPort: PORT, name: 'notebook-port', protocol: 'TCP' }],
      securityContext: { runAsNonRoot: true },
    };
    return renderPodTemplate(this, 'pod', {
      // Kubeflow's UI and controller expect the container to carry the notebook's name.
      containers: [{ name: this.name, props: container, field: '' }],
      pod: { ...props.pod, serviceAccountName: props.pod?.serviceAccountName ?? 'default-editor' },
    });
  }
}
