// Certificates for a throwaway test cluster: a CA, a serving certificate for
// 127.0.0.1/localhost, an admin client certificate (group system:masters) and the
// service-account token signing key pair. Uses the `openssl` CLI when it is installed and
// falls back to node:crypto (see x509.ts) otherwise.
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCertificate, pem } from './x509';

export type CertBackend = 'openssl' | 'node';

/** Paths of the PEM files written into the certificate folder. */
export interface ClusterCerts {
  readonly dir: string;
  readonly backend: CertBackend;
  readonly caCert: string;
  readonly caKey: string;
  readonly servingCert: string;
  readonly servingKey: string;
  readonly adminCert: string;
  readonly adminKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
}

const VALID_DAYS = 30;
const CA_NAME = 'cdk8s-kubeflow-test-ca';

let opensslAvailable: boolean | undefined;
/** Whether `openssl version` runs. */
export function hasOpenssl(): boolean {
  if (opensslAvailable === undefined) {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      opensslAvailable = true;
    } catch {
      opensslAvailable = false;
    }
  }
  return opensslAvailable;
}

/** Writes all certificates and keys into `dir` (created if missing). */
export function generateCerts(dir: string, backend: CertBackend | 'auto' = 'auto'): ClusterCerts {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const chosen: CertBackend = backend === 'auto' ? (hasOpenssl() ? 'openssl' : 'node') : backend;
  const certs: ClusterCerts = {
    dir,
    backend: chosen,
    caCert: path.join(dir, 'ca.crt'),
    caKey: path.join(dir, 'ca.key'),
    servingCert: path.join(dir, 'apiserver.crt'),
    servingKey: path.join(dir, 'apiserver.key'),
    adminCert: path.join(dir, 'admin.crt'),
    adminKey: path.join(dir, 'admin.key'),
    serviceAccountKey: path.join(dir, 'sa.key'),
    serviceAccountPub: path.join(dir, 'sa.pub'),
  };
  if (chosen === 'openssl') withOpenssl(certs);
  else withNodeCrypto(certs);

  const sa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(certs.serviceAccountKey, sa.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.writeFileSync(certs.serviceAccountPub, sa.publicKey.export({ type: 'spki', format: 'pem' }));
  return certs;
}

function withNodeCrypto(c: ClusterCerts): void {
  const writeKey = (file: string, key: crypto.KeyObject) =>
    fs.writeFileSync(file, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const ca = createCertificate({ commonName: CA_NAME, isCA: true, days: VALID_DAYS });
  const issuer = { certificateDer: ca.certificateDer, commonName: CA_NAME, key: ca.key };
  fs.writeFileSync(c.caCert, pem('CERTIFICATE', ca.certificateDer));
  writeKey(c.caKey, ca.key);
  const serving = createCertificate(
    {
      commonName: 'kube-apiserver',
      dnsNames: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'],
      ipAddresses: ['127.0.0.1', '10.0.0.1'],
      usages: ['serverAuth'],
      days: VALID_DAYS,
    },
    issuer,
  );
  fs.writeFileSync(c.servingCert, pem('CERTIFICATE', serving.certificateDer));
  writeKey(c.servingKey, serving.key);
  const admin = createCertificate(
    { commonName: 'admin', organizations: ['system:masters'], usages: ['clientAuth'], days: VALID_DAYS },
    issuer,
  );
  fs.writeFileSync(c.adminCert, pem('CERTIFICATE', admin.certificateDer));
  writeKey(c.adminKey, admin.key);
}

function withOpenssl(c: ClusterCerts): void {
  // Our own config file, so a missing or unusual system openssl.cnf does not matter.
  const cnf = path.join(c.dir, 'openssl.cnf');
  fs.writeFileSync(
    cnf,
    [
      '[req]',
      'distinguished_name = dn',
      'prompt = no',
      '[dn]',
      'CN = unused',
      '[ca]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,digitalSignature,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      '[serving]',
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage = serverAuth',
      'subjectAltName = DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:127.0.0.1,IP:10.0.0.1',
      'authorityKeyIdentifier = keyid',
      '[client]',
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage = clientAuth',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: c.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const serial = () => '0x' + crypto.randomBytes(15).toString('hex');

  openssl('req', '-config', cnf, '-x509', ...newKey, '-keyout', c.caKey, '-out', c.caCert,
    '-days', String(VALID_DAYS), '-subj', `/CN=${CA_NAME}`, '-extensions', 'ca', '-set_serial', serial());

  const leaf = (cert: string, key: string, subj: string, section: string) => {
    const csr = `${cert}.csr`;
    openssl('req', '-config', cnf, '-new', ...newKey, '-keyout', key, '-out', csr, '-subj', subj);
    openssl('x509', '-req', '-in', csr, '-CA', c.caCert, '-CAkey', c.caKey, '-set_serial', serial(),
      '-days', String(VALID_DAYS), '-sha256', '-extfile', cnf, '-extensions', section, '-out', cert);
    fs.rmSync(csr);
  };
  leaf(c.servingCert, c.servingKey, '/CN=kube-apiserver', 'serving');
  leaf(c.adminCert, c.adminKey, '/O=system:masters/CN=admin', 'client');
  for (const k of [c.caKey, c.servingKey, c.adminKey]) fs.chmodSync(k, 0o600);
}
