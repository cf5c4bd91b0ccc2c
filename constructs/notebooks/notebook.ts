import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import {
  adopt, checkMetadata, checkName, ConstructState, ContainerProps, Cpu, EmitMetadata, EnvMap, fail, lazy, NameRule, PodProps, renderPodTemplate,
  resolveNamespace, Resource, ResourceProps, resourceName, ResourcesProps, SecurityContextProps, Size, sizeQuantity, Volume, VolumeMount,
} from '../core';
import { IPodDefault, ITenant } from '../tenancy';
import { Notebook as NotebookWire } from '../wire/kubeflow-org';
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

export interface NotebookProps extends ResourceProps,
  Pick<ContainerProps, 'liveness' | 'readiness' | 'startup' | 'lifecycle' | 'command' | 'args' | 'workingDir' | 'imagePullPolicy'> {
  /** @default NotebookImage.jupyter() */
  readonly image?: NotebookImage;
  /** The tenant whose namespace runs the notebook. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** Notebook name (also its Service, StatefulSet and URL path). @default - derived from the construct id */
  readonly name?: string;
  /**
   * CPU and memory each default separately (as in the notebook UI's form), so that a notebook
   * always states both: a tenant quota on them rejects pods that leave either out.
   * @default - 0.5 CPU requested (limit 1) and 1 GiB memory requested and limited, unless given
   */
  readonly resources?: ResourcesProps;
  /** @default Workspace.newVolume() (10 GiB at /home/jovyan) */
  readonly workspace?: Workspace;
  /** @default - none */
  readonly dataVolumes?: DataVolume[];
  /**
   * Any other volumes to mount (ConfigMaps, Secrets, projected tokens, NFS, CSI, …), beside the
   * workspace and the data volumes.
   * @default - none
   */
  readonly mounts?: VolumeMount[];
  /**
   * The notebook container's security settings, over the hardened defaults (see
   * {@link SecurityContextProps}) and `runAsNonRoot: true` (Kubeflow's images run as `jovyan`,
   * uid 1000). An image that starts as root to switch users (e.g. some RStudio images) needs
   * `runAsNonRoot: false` and the capabilities it uses (`SETUID`, `SETGID`, `CHOWN`, …).
   * @default - the hardened defaults and runAsNonRoot: true
   */
  readonly securityContext?: SecurityContextProps;
  /** PodDefaults (configurations) to apply; they must be in the notebook's namespace. @default - none */
  readonly podDefaults?: IPodDefault[];
  /** @default - none */
  readonly env?: EnvMap;
  /**
   * Node selection, tolerations, service account and other pod settings. `labels` and
   * `annotations` go on the Notebook, which the controller copies to its pod (annotations
   * except keys containing "notebook" or "kubectl").
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
 * The notebook controller names a StatefulSet after the notebook; its pods carry the label
 * `controller-revision-hash: <name>-<10-character hash>` (StatefulSet controller), which must
 * fit a label value, and the Service it creates must be a DNS-1035 label.
 */
const STATEFULSET_REVISION_LABEL = { suffix: '-0123456789', by: 'the StatefulSet controller labels its pods with the revision' } as const;

/** What add*() calls change. */
interface NotebookState {
  readonly dataVolumes: readonly DataVolume[];
}

/**
 * A Kubeflow Notebook server (Jupyter, VS Code or RStudio) with its workspace volume, data
 * volumes and PodDefault selection, as the Kubeflow notebook UI would create it.
 */
export class Notebook extends Resource {
  public readonly apiVersion = 'kubeflow.org/v1';
  public readonly kind = 'Notebook';
  public readonly name: string;
  public readonly namespace: string;
  public readonly image: NotebookImage;
  public readonly apiObject: ApiObject;
  private readonly props: NotebookProps;
  private readonly state: ConstructState<NotebookState>;

  constructor(scope: Construct, id: string, props: NotebookProps = {}) {
    super(scope, id);
    this.props = props;
    this.name = resourceName(this, props.name, { rule: NameRule.LABEL_1035, derived: [STATEFULSET_REVISION_LABEL] });
    this.namespace = resolveNamespace(this, props);
    // The Notebook's template has no metadata: the controller copies the Notebook's annotations
    // to the pod, but not those whose key contains "notebook" or "kubectl" (kubeflow/notebooks
    // components/notebook-controller/controllers/notebook_controller.go generateStatefulSet).
    for (const [key, value] of Object.entries(props.pod?.annotations ?? {})) {
      if (key.includes('notebook') || key.includes('kubectl')) {
        fail(this, `pod.annotations.${key}`, `the notebook controller does not copy annotations whose key contains "notebook" or "kubectl" to the pod`,
          'use another key, or put the annotation in a PodDefault (its `annotations`) and select it with `podDefaults`');
      }
      const own = props.metadata?.annotations?.[key];
      if (own !== undefined && own !== value) {
        fail(this, `pod.annotations.${key}`, `is "${value}", but metadata.annotations sets "${own}": both go on the Notebook`, 'set it in one place');
      }
    }
    this.image = props.image ?? NotebookImage.jupyter();
    const workspace = props.workspace ?? Workspace.newVolume();
    if (workspace.mode === 'existing') checkName(this, 'workspace', workspace.claimName!);
    this.state = new ConstructState<NotebookState>({ dataVolumes: [] }, (s) => this.validate(s));
    if (workspace.mode === 'new') this.claim('Workspace', `${this.name}-workspace`, workspace.size!, workspace.storageClass);
    for (const v of props.dataVolumes ?? []) this.addDataVolume(v);

    const annotations: Record<string, string> = { ...props.pod?.annotations, ...props.metadata?.annotations, 'notebooks.kubeflow.org/server-type': this.image.serverType };
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
    const spec: NotebookWire['spec'] = lazy(() => ({ template: { spec: this.renderTemplate(this.state.value).spec } }));
    this.apiObject = this.emitResource(
      { name: this.name, namespace: this.namespace, appName: 'notebook', component: 'notebook', annotations, labels: { ...props.metadata?.labels, ...props.pod?.labels } },
      { spec });
    for (const pd of props.podDefaults ?? []) this.addPodDefault(pd);
  }

  /** Mounts another data volume (creating its PVC when `size` is set). */
  public addDataVolume(volume: DataVolume): void {
    checkName(this, 'dataVolumes.claimName', volume.claimName);
    if (volume.storageClass !== undefined && !volume.size) {
      fail(this, 'dataVolumes.storageClass', `is set for the existing claim "${volume.claimName}"`, 'give a size to create the claim, or drop storageClass');
    }
    this.state.update((s) => ({ dataVolumes: [...s.dataVolumes, volume] }),
      () => { if (volume.size) this.claim(`Data-${volume.claimName}`, volume.claimName, volume.size, volume.storageClass); });
  }

  /** The service account the notebook's pod runs as (Kubeflow's `default-editor` unless `pod.serviceAccountName` says otherwise). */
  public get serviceAccountNames(): readonly string[] {
    return [this.props.pod?.serviceAccountName ?? 'default-editor'];
  }

  /** Applies a PodDefault (configuration) to the notebook's pod. */
  public addPodDefault(podDefault: IPodDefault): void {
    if (podDefault.namespace !== this.namespace) {
      fail(this, 'podDefaults', `PodDefault "${podDefault.name}" is in namespace "${podDefault.namespace}", the notebook in "${this.namespace}"`,
        'PodDefaults only apply within their own namespace: define one in the notebook\'s namespace');
    }
    for (const [key, value] of Object.entries(podDefault.selectorLabels)) this.apiObject.metadata.addLabel(key, value);
  }

  /** Emits a PVC of the notebook (cdk8s-plus), after the same checks as every object of ours. */
  private claim(id: string, name: string, size: Size, storageClass: string | undefined): void {
    if (storageClass !== undefined) checkName(this, 'storageClass', storageClass);
    const meta: EmitMetadata = { name, namespace: this.namespace, appName: 'notebook', component: 'storage', instance: this.name };
    checkMetadata(this, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, meta);
    const pvc = new kplus.PersistentVolumeClaim(this, id, {
      metadata: { name, namespace: this.namespace },
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      storage: size,
      storageClassName: storageClass,
    });
    adopt(this, ApiObject.of(pvc), meta);
    // cdk8s-plus writes the size in GiB, fractions included ("1.2Gi", "0.09765625Gi"); ours is whole
    // bytes. Its PVC object reads each request's Quantity after patches apply, so the patch is one.
    ApiObject.of(pvc).addJsonPatch(JsonPatch.replace('/spec/resources/requests/storage', kplus.k8s.Quantity.fromString(sizeQuantity(size))));
  }

  /** The state is valid when its data volumes are distinct and the pod template renders. */
  private validate(state: NotebookState): void {
    const claims = new Set<string>();
    for (const v of state.dataVolumes) {
      if (claims.has(v.claimName)) fail(this, 'dataVolumes', `claim "${v.claimName}" is mounted twice`, 'mount each claim once');
      claims.add(v.claimName);
    }
    this.renderTemplate(state);
  }

  private renderTemplate(state: NotebookState) {
    const props = this.props;
    const workspace = props.workspace ?? Workspace.newVolume();
    const mounts: VolumeMount[] = [];
    if (workspace.mode !== 'none') {
      const claimName = workspace.mode === 'new' ? `${this.name}-workspace` : workspace.claimName!;
      mounts.push({ volume: Volume.fromPersistentVolumeClaim(claimName), path: HOME });
    }
    for (const v of state.dataVolumes) {
      mounts.push({ volume: Volume.fromPersistentVolumeClaim(v.claimName), path: v.mountPath, readOnly: v.readOnly });
    }
    mounts.push(...props.mounts ?? []);
    const container: ContainerProps = {
      image: this.image.reference(this),
      command: props.command,
      args: props.args,
      workingDir: props.workingDir,
      imagePullPolicy: props.imagePullPolicy,
      env: props.env,
      resources: {
        cpu: { request: Cpu.millis(500), limit: Cpu.units(1) },
        memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
        ...props.resources,
      },
      mounts,
      ports: [{ containerPort: PORT, name: 'notebook-port', protocol: 'TCP' }],
      securityContext: { runAsNonRoot: true, ...props.securityContext },
      liveness: props.liveness,
      readiness: props.readiness,
      startup: props.startup,
      lifecycle: props.lifecycle,
    };
    return renderPodTemplate(this, 'pod', {
      // The container must carry the notebook's name: the controller reports the notebook's
      // status.containerState from the container of that name, and the web app shows it
      // (kubeflow/notebooks components/notebook-controller/controllers/notebook_controller.go,
      // createNotebookStatus). It is first, the one whose ports become the notebook's Service.
      containers: [{ name: this.name, props: container, field: '' }],
      pod: { ...props.pod, serviceAccountName: props.pod?.serviceAccountName ?? 'default-editor' },
      // The Notebook CRD's init containers have no `restartPolicy` (the API server would prune it
      // and a native sidecar would block the pod): sidecars run as plain containers.
      sidecars: 'containers',
    });
  }
}
