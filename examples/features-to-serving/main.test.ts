import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectWarnings, Stack } from 'cdk8s-kubeflow';
import { synthesize } from '../../cli/synthesize';
import { formatFinding } from '../../manifest';
import { checkFiles } from '../../policies/check-files';
import { expectSchemaValid } from '../../test/schema';
import { buildApp, MODEL } from './main';

describe('features-to-serving example', () => {
  const app = buildApp();
  const stack = app.node.findChild('fraud-example') as Stack;
  const objects = stack.toJson();
  const one = (kind: string, name?: string) => {
    const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
    expect(found).toHaveLength(1);
    return found[0];
  };

  test('synthesizes the feature store, the registry and its database, the clients and the service, schema-valid, without warnings', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ClusterStorageContainer/model-registry-storage-initializer',
      'Deployment/model-registry-service',
      'FeatureStore/features',
      'InferenceService/fraud-detector',
      'Inventory/fraud-example',
      'Notebook/fraud-lab',
      'PersistentVolumeClaim/fraud-lab-workspace',
      'PodDefault/feast-features-client',
      'Profile/fraud',
      'PyTorchJob/train-fraud',
      'RoleBinding/feast-features-access-feast-reader',
      'Service/model-registry-service',
      'Service/model-registry-service-db',
      'ServiceAccount/fraud-models',
      'StatefulSet/model-registry-service-db',
    ]);
    expectSchemaValid(stack);
    expect(collectWarnings(app)).toEqual([]);
  });

  test('the notebook and the training job read the same features: one PodDefault, both service accounts bound', () => {
    const selector = one('PodDefault').spec.selector.matchLabels;
    expect(one('Notebook').metadata.labels).toMatchObject(selector);
    expect(one('PyTorchJob').spec.pytorchReplicaSpecs.Worker.template.metadata.labels).toMatchObject(selector);
    expect(one('PodDefault').spec.env).toEqual([{ name: 'FEAST_FS_YAML_FILE_PATH', value: '/opt/feast/feature_store.yaml' }]);
    expect(one('RoleBinding').subjects.map((s: any) => s.name)).toEqual(['default', 'default-editor']);
  });

  test('the job is told where to register; the service serves the registered version through the registry of its namespace', () => {
    const worker = one('PyTorchJob').spec.pytorchReplicaSpecs.Worker.template.spec.containers[0];
    expect(worker.env).toContainEqual({ name: 'MODEL_REGISTRY_URL', value: 'http://model-registry-service.fraud.svc.cluster.local:8080' });
    expect(one('InferenceService').spec.predictor.model.storageUri).toBe(`model-registry://${MODEL.name}/${MODEL.version}?namespace=fraud`);
    // The registry returns the artifact's S3 URI; KServe downloads it with this service account's Secret.
    expect(one('InferenceService').spec.predictor.serviceAccountName).toBe('fraud-models');
    expect(one('ServiceAccount', 'fraud-models').secrets).toEqual([{ name: 'fraud-models-s3' }]);
    expect(one('ClusterStorageContainer').spec.supportedUriFormats).toEqual([{ prefix: 'model-registry://' }]);
  });

  test('`validate` passes on the synthesized files: schemas, CEL and every default rule', async () => {
    const out = mkdtempSync(join(tmpdir(), 'features-example-'));
    try {
      const { files, findings } = synthesize(buildApp());
      expect(findings.map(formatFinding)).toEqual([]);
      for (const [file, yaml] of files) {
        mkdirSync(dirname(join(out, file)), { recursive: true });
        writeFileSync(join(out, file), yaml);
      }
      const result = await checkFiles([out]);
      expect(result.findings.map(formatFinding)).toEqual([]);
      expect(result.counts.valid).toBe(result.counts.objects);
      expect(result.counts.objects).toBe(objects.length);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
