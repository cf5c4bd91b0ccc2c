import { CelFunc, celFunc, CelScalar } from '@bufbuild/cel';

/**
 * `isURL` of Kubernetes' URL library: whether Go's url.ParseRequestURI accepts the string (an
 * absolute URI or an absolute path). `url()` and the URL accessors need an object type that
 * this evaluator does not have: rules using them are reported as not checked.
 */
export const URL_FUNCTIONS: CelFunc[] = [
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, (s: string) => isRequestUri(s)),
];

export function isRequestUri(raw: string): boolean {
  if (/[\x00-\x1f\x7f]/.test(raw)) return false;
  if (raw === '*') return true;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(raw);
  if (raw.startsWith(':')) return false; // "missing protocol scheme"
  let rest = scheme ? raw.slice(scheme[0].length) : raw;
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) return scheme !== null; // opaque (mailto:x) needs a scheme; relative paths fail
  if (scheme && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    if (!validAuthority(authority)) return false;
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  return validEscapes(rest);
}

function validAuthority(authority: string): boolean {
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const user = authority.slice(0, at);
    if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(user) || !validEscapes(user)) return false;
  }
  return validHost(authority.slice(at + 1));
}

function validHost(host: string): boolean {
  let name = host;
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0 || !validPort(host.slice(close + 1))) return false;
    name = host.slice(1, close);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) {
      if (!validPort(host.slice(colon))) return false;
      name = host.slice(0, colon);
    }
  }
  // Go rejects ASCII characters a host may not hold, and %-escapes of ASCII other than %25.
  if (/[^A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%\u0080-\uffff]/.test(name)) return false;
  for (const m of name.matchAll(/%(..)?/g)) {
    if (!m[1] || !/^[0-9a-fA-F]{2}$/.test(m[1])) return false;
    if (parseInt(m[1], 16) < 0x80 && m[1] !== '25') return false;
  }
  return true;
}

function validPort(colonPort: string): boolean {
  return colonPort === '' || /^:[0-9]*$/.test(colonPort);
}

function validEscapes(s: string): boolean {
  return !/%(?![0-9a-fA-F]{2})/.test(s);
}
