import { IConstruct } from 'constructs';
import { fail } from './errors';

// name[:port]/path components, then :tag and/or @digest (the distribution reference grammar, simplified).
const IMAGE = /^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** Throws unless `image` is a valid image reference (of a container or an image volume). @internal */
export function checkImage(scope: IConstruct, field: string, image: string): void {
  if (!IMAGE.test(image)) {
    fail(scope, field, `"${image}" is not a valid image reference`, 'use registry/repository:tag or registry/repository@sha256:<digest>, e.g. "ghcr.io/org/trainer:1.2.0"');
  }
}
