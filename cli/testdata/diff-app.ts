// The app of diff's CLI tests: one stack `dev` of the plain objects in the JSON file that
// $DIFF_TEST_OBJECTS names, so that each test revision synthesizes exactly what it says. The file
// holds the objects, or `{ "objects": [...], "delivery": true }` to deliver dev with ArgoCdDelivery.
import { readFileSync } from 'node:fs';
import { ApiObject, App } from 'cdk8s';
import { ArgoCdDelivery, Stack } from 'cdk8s-kubeflow';

type Objects = { apiVersion: string; kind: string }[];

export function buildApp(): App {
  const app = new App();
  const stack = new Stack(app, 'dev');
  const data: Objects | { objects: Objects; delivery?: boolean } = JSON.parse(readFileSync(process.env.DIFF_TEST_OBJECTS!, 'utf8'));
  const objects = Array.isArray(data) ? data : data.objects;
  objects.forEach((o, i) => new ApiObject(stack, `o${i}`, o));
  if (!Array.isArray(data) && data.delivery) new ArgoCdDelivery(app, 'gitops', { repoURL: 'https://example.com/ml-platform.git' });
  return app;
}
