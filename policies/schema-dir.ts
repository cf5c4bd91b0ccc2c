import * as fs from 'fs';
import * as path from 'path';

const PACKAGE_NAME = 'cdk8s-kubeflow';

/**
 * The root folder of this package. Found by walking up from this file to the package.json
 * named cdk8s-kubeflow, so it works from `policies/*.ts` (tsx, jest) and from compiled
 * `lib/policies/*.js` alike, and from node_modules when installed as a dependency.
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && readName(pkg) === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package above ${from}`);
  }
}

/** The `schemas/` folder shipped with this package. */
export function packageSchemasDir(from: string = __dirname): string {
  return path.join(packageRoot(from), 'schemas');
}

function readName(pkg: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
