// Small, hand-written upstream inputs for the schemas generator and validator tests.
// Shaped like the real thing (controller-gen CRDs, Kubernetes OpenAPI v3, Katib's swagger)
// but tiny, so each test states exactly which keyword or rule it exercises.

const quantity = {
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
  'x-kubernetes-int-or-string': true,
};

/** A container-like subtree, used twice below so the generator factors it into a definition. */
const container = () => ({
  description: 'A container.',
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', description: 'Name of the container.' },
    image: { type: 'string' },
    imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] },
    ports: {
      type: 'array',
      items: { type: 'object', required: ['containerPort'], properties: { containerPort: { type: 'integer', format: 'int32' }, name: { type: 'string' } } },
      'x-kubernetes-list-map-keys': ['containerPort'],
      'x-kubernetes-list-type': 'map',
    },
    resources: {
      type: 'object',
      properties: {
        limits: { type: 'object', additionalProperties: quantity },
        requests: { type: 'object', additionalProperties: quantity },
      },
    },
  },
});

/** A Notebook-like CRD: two versions (v1 is storage), every keyword the generator must keep or drop. */
export function widgetCrd(): any {
  const schema = (extra: object = {}) => ({
    description: 'Widget is the Schema for the widgets API.',
    type: 'object',
    properties: {
      apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema.' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        title: 'WidgetSpec',
        externalDocs: { url: 'https://example.com' },
        required: ['size'],
        properties: {
          description: { type: 'string', description: 'A field that happens to be called description.' },
          size: { type: 'string', enum: ['small', 'large'], default: 'small', example: 'large' },
          name: { type: 'string', pattern: '^[a-z]+$', minLength: 1, maxLength: 20 },
          replicas: { type: 'integer', format: 'int32', minimum: 0, exclusiveMinimum: true, maximum: 10 },
          port: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
          created: { type: 'string', format: 'date-time' },
          timeout: { type: 'string', format: 'duration' },
          tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5, uniqueItems: true, 'x-kubernetes-list-type': 'set' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          note: { type: 'string', nullable: true },
          config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', properties: { x: { type: 'string' } } } } },
          source: {
            type: 'object',
            properties: { git: { type: 'string' }, s3: { type: 'string' } },
            anyOf: [{ required: ['git'] }, { required: ['s3'] }],
            'x-kubernetes-validations': [{ rule: 'has(self.git) != has(self.s3)', message: 'exactly one of git or s3' }],
          },
          main: container(),
          sidecar: container(),
          ...extra,
        },
      },
      status: { type: 'object', properties: { phase: { type: 'string' } } },
    },
  });
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.org', annotations: { 'controller-gen.kubebuilder.io/version': 'v0.16.0' } },
    spec: {
      group: 'example.org',
      names: { kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget', shortNames: ['wd'] },
      scope: 'Namespaced',
      conversion: { strategy: 'None' },
      versions: [
        {
          name: 'v1beta1', served: true, storage: false,
          schema: { openAPIV3Schema: schema({ legacy: { type: 'boolean' } }) },
          subresources: { status: {} },
        },
        {
          name: 'v1', served: true, storage: true,
          schema: { openAPIV3Schema: schema() },
          subresources: { status: {} },
          additionalPrinterColumns: [{ name: 'Size', type: 'string', jsonPath: '.spec.size', description: 'The size.' }],
        },
      ],
    },
  };
}

/** A cluster-scoped CRD with an opaque schema, like Katib's Experiment CRD. */
export function opaqueCrd(): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'experiments.example.org' },
    spec: {
      group: 'example.org',
      names: { kind: 'Experiment', listKind: 'ExperimentList', plural: 'experiments', singular: 'experiment' },
      scope: 'Namespaced',
      versions: [{ name: 'v1beta1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } }, subresources: { status: {} } }],
    },
  };
}

/**
 * Shaped like Istio's CRDs (networking.istio.io VirtualService): the root schema lists only
 * `spec` and `status`, never apiVersion, kind or metadata; three served versions, of which an
 * older one is the storage version; a conversion strategy of None.
 */
export function istioLikeCrd(): any {
  const schema = {
    type: 'object',
    required: ['spec'],
    properties: {
      spec: {
        description: 'Configuration affecting label/content routing, sni routing, etc.',
        type: 'object',
        properties: {
          hosts: { type: 'array', items: { type: 'string' }, description: 'The destination hosts.' },
          gateways: { type: 'array', items: { type: 'string' }, maxItems: 8 },
          exportTo: { type: 'array', items: { type: 'string' } },
        },
        'x-kubernetes-validations': [{ rule: 'size(self.hosts) > 0', message: 'hosts must not be empty' }],
      },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
  const version = (name: string, storage: boolean) => ({
    name, served: true, storage, schema: { openAPIV3Schema: schema }, subresources: { status: {} },
    additionalPrinterColumns: [{ name: 'Hosts', type: 'string', jsonPath: '.spec.hosts', description: 'The destination hosts.' }],
  });
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'virtualservices.networking.istio.io', annotations: { 'helm.sh/resource-policy': 'keep' }, labels: { app: 'istio-pilot' } },
    spec: {
      group: 'networking.istio.io',
      names: { kind: 'VirtualService', listKind: 'VirtualServiceList', plural: 'virtualservices', singular: 'virtualservice', shortNames: ['vs'], categories: ['istio-io'] },
      scope: 'Namespaced',
      conversion: { strategy: 'None' },
      versions: [version('v1', false), version('v1alpha3', true), version('v1beta1', false)],
    },
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Shared apimachinery definitions, as every Kubernetes OpenAPI document carries them. */
function apimachinery(): Record<string, any> {
  return {
    [`${meta}.ObjectMeta`]: {
      description: 'ObjectMeta is metadata that all persisted resources must have.',
      type: 'object',
      properties: {
        name: { type: 'string', description: 'Name must be unique within a namespace.' },
        namespace: { type: 'string' },
        labels: { type: 'object', additionalProperties: { type: 'string', default: '' } },
        annotations: { type: 'object', additionalProperties: { type: 'string', default: '' } },
        creationTimestamp: { allOf: [ref(`${meta}.Time`)] },
      },
    },
    [`${meta}.Time`]: { type: 'string', format: 'date-time' },
    [`${meta}.DeleteOptions`]: {
      type: 'object',
      properties: { kind: { type: 'string' } },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'DeleteOptions' }, { group: 'apps', version: 'v1', kind: 'DeleteOptions' }],
    },
    [`${meta}.Status`]: { type: 'object', properties: { code: { type: 'integer' } }, 'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Status' }] },
    'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }], description: 'Quantity is a fixed-point number.' },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
  };
}

/** A Kubernetes per-group-version OpenAPI v3 document (core/v1), cut down to a few kinds. */
export function coreOpenApi(): any {
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: {
      '/api/v1/namespaces/{namespace}/configmaps': { get: gvkOp('', 'v1', 'ConfigMap'), post: gvkOp('', 'v1', 'ConfigMap') },
      '/api/v1/configmaps': { get: gvkOp('', 'v1', 'ConfigMap') },
      '/api/v1/namespaces': { post: gvkOp('', 'v1', 'Namespace') },
      '/api/v1/namespaces/{name}': { get: gvkOp('', 'v1', 'Namespace') },
      '/api/v1/namespaces/{namespace}/services/{name}/scale': { put: gvkOp('autoscaling', 'v1', 'Scale') },
    },
    components: {
      schemas: {
        ...apimachinery(),
        'io.k8s.api.core.v1.ConfigMap': {
          description: 'ConfigMap holds configuration data for pods to consume.',
          type: 'object',
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { allOf: [ref(`${meta}.ObjectMeta`)], default: {} },
            data: { type: 'object', additionalProperties: { type: 'string', default: '' } },
            immutable: { type: 'boolean' },
            limit: ref('io.k8s.apimachinery.pkg.api.resource.Quantity'),
            port: { allOf: [ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString')] },
          },
          'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'ConfigMap' }],
        },
        'io.k8s.api.core.v1.ConfigMapList': {
          type: 'object',
          properties: { items: { type: 'array', items: ref('io.k8s.api.core.v1.ConfigMap') } },
          'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'ConfigMapList' }],
        },
        'io.k8s.api.core.v1.Namespace': {
          type: 'object',
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { allOf: [ref(`${meta}.ObjectMeta`)], default: {} },
            spec: { type: 'object', properties: { finalizers: { type: 'array', items: { type: 'string' } } } },
          },
          'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Namespace' }],
        },
        'io.k8s.api.autoscaling.v1.Scale': {
          type: 'object',
          properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { allOf: [ref(`${meta}.ObjectMeta`)] }, spec: { type: 'object', properties: { replicas: { type: 'integer' } } } },
          'x-kubernetes-group-version-kind': [{ group: 'autoscaling', version: 'v1', kind: 'Scale' }],
        },
        'io.k8s.api.core.v1.Unused': { type: 'object', properties: { x: { type: 'string' } } },
      },
    },
  };
}

function gvkOp(group: string, version: string, kind: string) {
  return { 'x-kubernetes-group-version-kind': { group, version, kind }, responses: {} };
}

/** Like Katib's swagger.json: definitions named `v1beta1.Experiment`, no GVK markers, no paths. */
export function katibLikeOpenApi(): any {
  return {
    openapi: '3.0.0',
    info: { title: 'Katib', version: 'v1beta1' },
    paths: {},
    components: {
      schemas: {
        ...apimachinery(),
        'v1beta1.Experiment': {
          description: 'Structure of the Experiment custom resource.',
          type: 'object',
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { default: {}, allOf: [ref(`${meta}.ObjectMeta`)] },
            spec: { default: {}, allOf: [ref('v1beta1.ExperimentSpec')] },
          },
        },
        'v1beta1.ExperimentSpec': {
          type: 'object',
          properties: {
            maxTrialCount: { type: 'integer', format: 'int32' },
            objective: { allOf: [ref('v1beta1.ObjectiveSpec')] },
            trialSpec: { type: 'object', additionalProperties: true },
          },
        },
        'v1beta1.ObjectiveSpec': { type: 'object', properties: { type: { type: 'string' }, goal: { type: 'number', format: 'double' } } },
        'v1beta1.Unrelated': { type: 'object', properties: { x: { type: 'string' } } },
      },
    },
  };
}
