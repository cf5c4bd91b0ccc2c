// A minimal X.509 certificate writer on top of node:crypto, used when the `openssl` CLI is
// not installed. Node can create keys and signatures but not certificates, so this file
// encodes the few DER structures a test CA needs (RFC 5280): ECDSA P-256 keys, SHA-256
// signatures, basicConstraints, keyUsage, extKeyUsage and subjectAltName.
import * as crypto from 'node:crypto';

export interface CertificateRequest {
  /** Subject common name. */
  readonly commonName: string;
  /** Subject organizations (Kubernetes reads them as groups of a client certificate). */
  readonly organizations?: string[];
  /** DNS subject alternative names. */
  readonly dnsNames?: string[];
  /** IPv4 subject alternative names. */
  readonly ipAddresses?: string[];
  /** Whether this is a CA certificate. */
  readonly isCA?: boolean;
  /** Extended key usages. */
  readonly usages?: Array<'serverAuth' | 'clientAuth'>;
  /** Validity in days from now. */
  readonly days: number;
}

export interface Issuer {
  readonly certificateDer: Buffer;
  readonly commonName: string;
  readonly key: crypto.KeyObject;
}

const OID = {
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}
const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
const octets = (b: Buffer) => tlv(0x04, b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const explicit = (n: number, content: Buffer) => tlv(0xa0 | n, content);

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  let v = b.subarray(i);
  if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return tlv(0x02, v);
}
function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const chunk = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
function bitString(b: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), b]));
}
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}
function name(commonName: string, organizations: string[] = []): Buffer {
  const rdns = organizations.map((o) => set(seq(oid(OID.organization), utf8(o))));
  rdns.push(set(seq(oid(OID.commonName), utf8(commonName))));
  return seq(...rdns);
}
function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}
function keyUsage(isCA: boolean): Buffer {
  // bit 0 digitalSignature (0x80), bit 2 keyEncipherment (0x20), bit 5 keyCertSign (0x04), bit 6 cRLSign (0x02)
  const byte = isCA ? 0x80 | 0x04 | 0x02 : 0x80 | 0x20;
  let unused = 0;
  while (!((byte >> unused) & 1)) unused++;
  return bitString(Buffer.from([byte]), unused);
}

/** PEM-encodes DER bytes. */
export function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** Creates an ECDSA P-256 key and a certificate for it, self-signed when no issuer is given. */
export function createCertificate(req: CertificateRequest, issuer?: Issuer): { certificateDer: Buffer; key: crypto.KeyObject } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = crypto.randomBytes(16);
  serial[0] &= 0x7f;
  serial[0] |= 0x01;
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(Date.now() + req.days * 24 * 60 * 60 * 1000);
  const sigAlg = seq(oid(OID.ecdsaWithSHA256));

  const extensions = [
    extension(OID.basicConstraints, true, req.isCA ? seq(bool(true)) : seq()),
    extension(OID.keyUsage, true, keyUsage(!!req.isCA)),
  ];
  if (req.usages?.length) {
    extensions.push(extension(OID.extKeyUsage, false, seq(...req.usages.map((u) => oid(OID[u])))));
  }
  const sans = [
    ...(req.dnsNames ?? []).map((d) => tlv(0x82, Buffer.from(d, 'ascii'))),
    ...(req.ipAddresses ?? []).map((ip) => tlv(0x87, Buffer.from(ip.split('.').map(Number)))),
  ];
  if (sans.length) extensions.push(extension(OID.subjectAltName, false, seq(...sans)));

  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    sigAlg,
    issuer ? name(issuer.commonName) : name(req.commonName, req.organizations),
    seq(time(notBefore), time(notAfter)),
    name(req.commonName, req.organizations),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(...extensions)),
  );
  const signature = crypto.sign('sha256', tbs, issuer ? issuer.key : privateKey); // DER-encoded ECDSA
  return { certificateDer: seq(tbs, sigAlg, bitString(signature)), key: privateKey };
}
