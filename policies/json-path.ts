const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * One step of the jq-style path every report uses: an index as `[0]`, an identifier key as
 * `.name`, any other key quoted: `["app.kubernetes.io/name"]`, `["nvidia.com/gpu"]`, `["0"]`.
 */
export function pathSegment(segment: string | number): string {
  if (typeof segment === 'number') return `[${segment}]`;
  return IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
}

/**
 * Turns an ajv JSON pointer (`/spec/containers/0/name`) into the jq-style path every report
 * uses (`.spec.containers[0].name`). The data decides whether `0` is an index or a key.
 * Keys that are not plain identifiers are quoted: `.metadata.labels["app.kubernetes.io/name"]`.
 */
export function pointerToPath(pointer: string, data: unknown): string {
  if (pointer === '') return '.';
  let out = '';
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      out += `[${key}]`; // the digits as the pointer writes them
      node = node[Number(key)];
    } else {
      out += pathSegment(key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

/** The value a JSON pointer designates, or undefined. */
export function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

export function childPointer(pointer: string, key: string): string {
  return `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
