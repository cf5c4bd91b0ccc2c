/** An image reference taken apart the way container runtimes read it. */
export interface ImageReference {
  /** `docker.io` when the reference names none. */
  readonly registry: string;
  /** `library/nginx` for `nginx` (Docker Hub's official images). */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/**
 * Parses `[registry/]repository[:tag][@digest]`. The first path component is a registry when it
 * holds a "." or ":" or is `localhost` (as Docker's reference grammar decides).
 */
export function parseImage(image: string): ImageReference {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0];
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? (first === 'index.docker.io' ? 'docker.io' : first) : 'docker.io';
  let repository = hasRegistry ? rest.slice(first.length + 1) : rest;
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository, tag, digest };
}

/** Whether the reference is a template placeholder a controller fills in (Katib's `${trialParameters.x}`). */
export function isPlaceholder(image: string): boolean {
  return image.includes('${') || image.includes('$(');
}
