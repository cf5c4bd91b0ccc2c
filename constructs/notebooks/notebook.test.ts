import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, manifests, testStack } from '../../test/util';
import { Cpu, EnvValue, Gpu, ImagePullPolicy, Probe, ProjectedSource, Size, Volume } from '../core';
import { PodDefault, Tenant } from '../tenancy';
import { Notebook } from './notebook';
import { NotebookImage, NotebookServerType } from './notebook-image';
import { Workspace } from './workspace';

describe('Notebook', () => {
  test('defaults: Jupyter image, 10 GiB workspace at /home/jovyan, modest resources, default-editor', () => {
    const stack = testStack();
    new Notebook(stack, 'Lab');
    const nb = manifest(stack, 'Notebook');
    expect(nb.metadata).toMatchObject({ name: 'lab', namespace: 'team', annotations: expect.objectContaining({ 'notebooks.kubeflow.org/server-type': 'jupyter' }) });
    const spec = nb.spec.template.spec;
    expect(spec.serviceAccountName).toBe('default-editor');
    expect(spec.containers).toHaveLength(1);
    expect(spec.containers[0]).toMatchObject({
      name: 'lab',
      image: 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.10.0',
      ports: [{ containerPort: 8888, name: 'notebook-port', protocol: 'TCP' }],
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
      volumeMounts: [{ name: 'lab-workspace', mountPath: '/home/jovyan' }],
      securityContext: expect.objectContaining({ runAsNonRoot: true }),
    });
    expect(spec.volumes).toEqual([{ name: 'lab-workspace', persistentVolumeClaim: { claimName: 'lab-workspace' } }]);
    const pvc = manifest(stack, 'PersistentVolumeClaim');
    expect(pvc.metadata).toMatchObject({ name: 'lab-workspace', namespace: 'team' });
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, volumeMode: 'Filesystem' });
    expectSchemaValid(stack);
  });

  test('GPU notebook: GPU resources, toleration, node selector, PodDefault labels, data volumes', () => {
    const stack = testStack();
    const tenant = new Tenant(stack, 'ml', { owner: 'a@b.co' });
    const pd = new PodDefault(stack, 'creds', { tenant, description: 'creds' });
    const nb = new Notebook(stack, 'Gpu', {
      tenant,
      image: NotebookImage.jupyter('pytorch-cuda'),
      resources: { cpu: { request: Cpu.units(4) }, memory: { request: Size.gibibytes(16), limit: Size.gibibytes(16) }, gpu: Gpu.nvidia(1) },
      workspace: Workspace.newVolume({ size: Size.gibibytes(50), storageClass: 'ssd' }),
      podDefaults: [pd],
      pod: { nodeSelector: { 'nvidia.com/gpu.present': 'true' } },
    });
    nb.addDataVolume({ claimName: 'scratch', mountPath: '/scratch', size: Size.gibibytes(200) });
    nb.addDataVolume({ claimName: 'datasets', mountPath: '/data', readOnly: true });
    const notebook = manifest(stack, 'Notebook');
    const spec = notebook.spec.template;
    expect(notebook.metadata.labels).toMatchObject({ creds: 'true' });
    expect(spec.metadata).toBeUndefined();
    expect(spec.spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(spec.spec.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
    expect(spec.spec.containers[0].resources.limits['nvidia.com/gpu']).toBe('1');
    expect(spec.spec.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/home/jovyan', '/scratch', '/data']);
    expect(manifest(stack, 'PersistentVolumeClaim', 'gpu-workspace').spec.storageClassName).toBe('ssd');
    expect(manifest(stack, 'PersistentVolumeClaim', 'scratch').spec.resources.requests.storage).toBe('200Gi');
    expect(manifests(stack).filter((m) => m.kind === 'PersistentVolumeClaim')).toHaveLength(2);
    expectSchemaValid(stack);
  });

  test('VS Code and RStudio get the routing annotations; stopped adds the stop annotation', () => {
    const stack = testStack();
    new Notebook(stack, 'code', { image: NotebookImage.vscode() });
    new Notebook(stack, 'r', { image: NotebookImage.rstudio(), stopped: true, workspace: Workspace.none() });
    expect(manifest(stack, 'Notebook', 'code').metadata.annotations).toMatchObject({
      'notebooks.kubeflow.org/server-type': NotebookServerType.VSCODE, 'notebooks.kubeflow.org/http-rewrite-uri': '/',
    });
    const r = manifest(stack, 'Notebook', 'r');
    expect(r.metadata.annotations).toMatchObject({
      'notebooks.kubeflow.org/server-type': 'group-two',
      'notebooks.kubeflow.org/http-headers-request-set': '{"X-RStudio-Root-Path":"/notebook/team/r/"}',
      'kubeflow-resource-stopped': 'true',
    });
    expect(r.spec.template.spec.volumes).toBeUndefined();
    expect(manifests(stack).filter((m) => m.kind === 'PersistentVolumeClaim')).toHaveLength(1);
    expectSchemaValid(stack);
  });

  test('CPU and memory default separately, so that a notebook always states both (a tenant quota on them requires it)', () => {
    const stack = testStack();
    const tenant = new Tenant(stack, 'team', { owner: 'a@b.co', quota: { cpu: Cpu.units(8), memory: Size.gibibytes(32) } });
    new Notebook(stack, 'lab', { tenant, resources: { memory: { request: Size.gibibytes(16) }, gpu: Gpu.nvidia(1) } });
    expect(manifest(stack, 'Notebook').spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '500m', memory: '16Gi', 'nvidia.com/gpu': '1' }, limits: { cpu: '1', 'nvidia.com/gpu': '1' },
    });
    expect(policyFindings(stack, 'kubeflow/')).toEqual([]);
  });

  test('pod annotations go on the Notebook, which the controller copies to its pod', () => {
    const stack = testStack();
    new Notebook(stack, 'lab', { pod: { annotations: { 'sidecar.istio.io/inject': 'false' } } });
    const nb = manifest(stack, 'Notebook');
    expect(nb.metadata.annotations).toMatchObject({ 'sidecar.istio.io/inject': 'false', 'notebooks.kubeflow.org/server-type': 'jupyter' });
    expect(nb.spec.template.metadata).toBeUndefined();
    expectSchemaValid(stack);
  });

  test('an existing workspace claim is mounted, not created', () => {
    const stack = testStack();
    new Notebook(stack, 'lab', { workspace: Workspace.existingClaim('home-alice') });
    expect(manifests(stack).some((m) => m.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(manifest(stack, 'Notebook').spec.template.spec.volumes).toEqual([{ name: 'home-alice', persistentVolumeClaim: { claimName: 'home-alice' } }]);
  });

  test.each([
    [{ resources: { gpu: Gpu.nvidia(0.5) } }, 'resources.gpu', 'GPU count must be a whole number ≥ 1, got 0.5'],
    [{ name: 'My_Notebook' }, 'name', 'is not a valid DNS-1035 label'],
    [{ name: '9lives' }, 'name', 'is not a valid DNS-1035 label'],
    [{ name: 'n'.repeat(53) }, 'name', 'the StatefulSet controller labels its pods with the revision "' + 'n'.repeat(53) + '-0123456789" (64 characters), and at most 63 are allowed'],
    [{ image: NotebookImage.custom('bad image') }, 'image', 'is not a valid image reference'],
    [{ dataVolumes: [{ claimName: 'd', mountPath: '/d' }, { claimName: 'd', mountPath: '/e' }] }, 'dataVolumes', 'mounted twice'],
    [{ dataVolumes: [{ claimName: 'd', mountPath: 'd' }] }, 'mounts', 'is not absolute'],
    [{ dataVolumes: [{ claimName: 'd', mountPath: '/d', storageClass: 'ssd' }] }, 'dataVolumes.storageClass', 'existing claim'],
    [{ workspace: Workspace.existingClaim('Bad') }, 'workspace', 'is not a valid'],
    [{ pod: { annotations: { 'notebooks.example.com/x': 'y' } } }, 'pod.annotations.notebooks.example.com/x', 'does not copy annotations whose key contains "notebook" or "kubectl"'],
    [{ pod: { annotations: { a: 'x' } }, metadata: { annotations: { a: 'y' } } }, 'pod.annotations.a', 'is "x", but metadata.annotations sets "y"'],
    [{ dataVolumes: [{ claimName: 'lab-workspace', mountPath: '/d', size: Size.gibibytes(1) }] }, 'name', 'core/PersistentVolumeClaim team/lab-workspace is emitted twice by this construct'],
  ])('rejects %o', (props, field, problem) => {
    const e = constructError(() => new Notebook(testStack(), 'lab', props));
    expect(e.constructPath).toBe('test/lab');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('a data volume added after construction is checked at once, not at synth', () => {
    const nb = new Notebook(testStack(), 'lab');
    const e = constructError(() => nb.addDataVolume({ claimName: 'scratch', mountPath: 'scratch' }));
    expect(e.message).toBe('test/lab: mounts: mount path "scratch" of volume "scratch" is not absolute\n  fix: start the path with "/"');
  });

  test('a rejected data volume changes nothing: no PVC, and a corrected retry is accepted', () => {
    const stack = testStack();
    const nb = new Notebook(stack, 'lab');
    expect(() => nb.addDataVolume({ claimName: 'scratch', mountPath: 'scratch', size: Size.gibibytes(5) })).toThrow('is not absolute');
    expect(manifests(stack).filter((m) => m.metadata.name === 'scratch')).toEqual([]);
    nb.addDataVolume({ claimName: 'scratch', mountPath: '/scratch', size: Size.gibibytes(5) });
    expect(manifest(stack, 'PersistentVolumeClaim', 'scratch').spec.resources.requests.storage).toBe('5Gi');
    expect(manifest(stack, 'Notebook').spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'scratch', mountPath: '/scratch' });
  });

  test('claim sizes are whole bytes in the largest whole binary unit (cdk8s-plus would write "1.5Gi" or "1.2Gi")', () => {
    const stack = testStack();
    new Notebook(stack, 'lab', {
      workspace: Workspace.newVolume({ size: Size.mebibytes(1536) }),
      dataVolumes: [{ claimName: 'scratch', mountPath: '/scratch', size: Size.gibibytes(1.2) }],
    });
    expect(manifest(stack, 'PersistentVolumeClaim', 'lab-workspace').spec.resources.requests.storage).toBe('1536Mi');
    expect(manifest(stack, 'PersistentVolumeClaim', 'scratch').spec.resources.requests.storage).toBe('1288490189');
  });

  test('a PodDefault with its own selector labels the notebook with labels that meet it', () => {
    const stack = testStack();
    const gpu = new PodDefault(stack, 'gpu', { description: 'GPU pool', selector: { matchLabels: { pool: 'gpu' }, matchExpressions: [{ key: 'team', operator: 'Exists' }] } });
    new Notebook(stack, 'lab', { podDefaults: [gpu, PodDefault.fromName(stack, 'Pipelines', 'access-ml-pipeline', { namespace: 'team' })] });
    expect(manifest(stack, 'Notebook').metadata.labels).toMatchObject({ 'pool': 'gpu', 'team': 'true', 'access-ml-pipeline': 'true' });
  });

  test('the notebook container\'s command, args, working directory and pull policy, for images that need them', () => {
    const stack = testStack();
    new Notebook(stack, 'lab', {
      image: NotebookImage.custom('ghcr.io/acme/lab:2.1'),
      command: ['/usr/local/bin/start.sh'],
      args: ['jupyter', 'lab', '--ServerApp.base_url=$(NB_PREFIX)'],
      workingDir: '/home/jovyan/work',
      imagePullPolicy: ImagePullPolicy.ALWAYS,
    });
    expect(manifest(stack, 'Notebook').spec.template.spec.containers[0]).toMatchObject({
      command: ['/usr/local/bin/start.sh'], args: ['jupyter', 'lab', '--ServerApp.base_url=$(NB_PREFIX)'], workingDir: '/home/jovyan/work', imagePullPolicy: 'Always',
    });
    expectSchemaValid(stack);
  });

  test('a PodDefault from another namespace is an error', () => {
    const stack = testStack();
    const pd = new PodDefault(stack, 'creds', { namespace: 'other', description: 'x' });
    const e = constructError(() => new Notebook(stack, 'lab', { podDefaults: [pd] }));
    expect(e.problem).toBe('PodDefault "creds" is in namespace "other", the notebook in "team"');
  });

  test('PodDefaults that clash with each other or with the notebook\'s pod are synth findings (kubeflow/poddefault-conflict)', () => {
    const stack = testStack();
    const eu = new PodDefault(stack, 'EuRegion', { description: 'EU buckets', env: { AWS_REGION: 'eu-west-1' } });
    const us = new PodDefault(stack, 'UsRegion', { description: 'US buckets', env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: EnvValue.fromSecret('s3', 'id') } });
    const home = new PodDefault(stack, 'SharedHome', { description: 'shared home', mounts: [{ volume: Volume.fromPersistentVolumeClaim('shared-home'), path: '/home/jovyan' }] });
    new Notebook(stack, 'lab', { podDefaults: [eu, us, home] });
    expect(policyFindings(stack, 'kubeflow/').map((f) => [f.rule, f.construct, f.path, f.message])).toEqual([
      ['kubeflow/poddefault-conflict', 'test/lab', '.spec.template.spec',
        'the notebook pod selects PodDefaults "eu-region", "shared-home", "us-region", and the webhook rejects it at creation: env AWS_REGION of PodDefault "us-region" ({"name":"AWS_REGION","value":"us-east-1"}) differs from PodDefault "eu-region"\'s ({"name":"AWS_REGION","value":"eu-west-1"})'],
      ['kubeflow/poddefault-conflict', 'test/lab', '.spec.template.spec.containers[0].volumeMounts[0]',
        'the notebook pod selects PodDefaults "eu-region", "shared-home", "us-region", and the webhook rejects it at creation: volume mount at /home/jovyan of PodDefault "shared-home" ({"mountPath":"/home/jovyan","name":"shared-home"}) differs from the pod\'s own ({"mountPath":"/home/jovyan","name":"lab-workspace"})'],
    ]);
    // Selecting PodDefaults that agree is fine.
    const ok = testStack();
    new Notebook(ok, 'lab', { podDefaults: [new PodDefault(ok, 'EuRegion', { description: 'EU', env: { AWS_REGION: 'eu-west-1' } })] });
    expect(policyFindings(ok, 'kubeflow/')).toEqual([]);
  });

  test('the same notebook name twice in a namespace is an error', () => {
    const stack = testStack();
    new Notebook(stack, 'a', { name: 'lab' });
    expect(constructError(() => new Notebook(stack, 'b', { name: 'lab' })).problem).toContain('already defined by test/a');
  });
});

describe('Notebook pod and container settings', () => {
  test('any volume source, a relaxed security context, probes, init containers and sidecars (as plain containers)', () => {
    const stack = testStack();
    new Notebook(stack, 'Lab', {
      mounts: [
        { volume: Volume.fromConfigMap('jupyter-config', { items: { 'jupyter_server_config.py': { path: 'jupyter_server_config.py' } } }), path: '/etc/jupyter', readOnly: true },
        { volume: Volume.projected('gcp-token', [ProjectedSource.serviceAccountToken({ path: 'token', audience: 'my-pool' })]), path: '/var/run/secrets/gcp' },
      ],
      securityContext: { runAsNonRoot: false, capabilities: { add: ['SETUID', 'SETGID', 'CHOWN'] } },
      readiness: Probe.fromHttpGet('/notebook/team/lab/api', { port: 'notebook-port' }),
      pod: {
        securityContext: { fsGroup: 100 },
        initContainers: [{ name: 'fix-home', image: 'busybox:1.36', command: ['chown', '-R', '1000:100', '/home/jovyan'] }],
        sidecars: [{ name: 'oauth-proxy', image: 'quay.io/oauth2-proxy/oauth2-proxy:v7.6.0', ports: [{ containerPort: 4180 }] }],
      },
    });
    const spec = manifest(stack, 'Notebook').spec.template.spec;
    // The notebook container stays first and keeps the notebook's name (the controller reads its state by that name).
    expect(spec.containers.map((c: any) => c.name)).toEqual(['lab', 'oauth-proxy']);
    expect(spec.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['fix-home', undefined]]);
    const lab = spec.containers[0];
    expect(lab.securityContext).toMatchObject({ runAsNonRoot: false, capabilities: { add: ['SETUID', 'SETGID', 'CHOWN'], drop: ['ALL'] } });
    expect(lab.readinessProbe).toEqual({ httpGet: { path: '/notebook/team/lab/api', port: 'notebook-port' } });
    expect(lab.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/home/jovyan', '/etc/jupyter', '/var/run/secrets/gcp']);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['lab-workspace', 'jupyter-config', 'gcp-token']);
    expect(spec.securityContext).toEqual({ fsGroup: 100 });
    expectSchemaValid(stack);
  });
});
