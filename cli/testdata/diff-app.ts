// The app of diff's CLI tests: one stack `dev` of the plain objects in the JSON file that
// $DIFF_TEST_OBJECTS names, so that each test revision synthesizes exactly what it says.
import { readFileSync } from 'node:fs';
import { ApiObject, App } from 'cdk8s';
import { Stack } from 'cdk8s-kubeflow';

export function buildApp(): App {
  const app = new App();
  const stack = new Stack(app, 'dev');
  const objects: { apiVersion: string; kind: string }[] = JSON.parse(readFileSync(process.env.DIFF_TEST_OBJECTS!, 'utf8'));
  objects.forEach((o, i) => new ApiObject(stack, `o${i}`, o));
  return app;
}
