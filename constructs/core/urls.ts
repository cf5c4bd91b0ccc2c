import { IConstruct } from 'constructs';
import { fail } from './errors';

// Loose on purpose: the API server or the controller checks the rest; this catches a missing
// scheme or a stray space, the usual slips.
const HTTP_URL = /^https?:\/\/[^\s/]+(\/\S*)?$/;

/** Throws unless `url` is an http(s) URL; `example` goes into the fix. @internal */
export function checkHttpUrl(scope: IConstruct, field: string, url: string, example: string): string {
  if (!HTTP_URL.test(url)) fail(scope, field, `"${url}" is not an http(s) URL`, `give e.g. ${example}`);
  return url;
}
