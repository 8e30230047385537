import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

export interface TlsMaterial {
  /** PEM of the local CA that signs the server certificate: what a client trusts. */
  ca: string;
  caPath: string;
  cert: string;
  key: string;
}

/** Names the server certificate covers: the portal and ARM, every emulated vault and FHIR service. */
export const SERVER_DNS_NAMES = ['localhost', '*.vault.localhost', '*.azurehealthcareapis.localhost'];
const SERVER_IPS = ['127.0.0.1', '::1'];
const DAY_MS = 86_400_000;

function stillGood(certPem: string, caPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    const names = cert.subjectAltName ?? '';
    return (
      cert.checkIssued(ca) &&
      cert.verify(ca.publicKey) &&
      Date.parse(cert.validTo) > Date.now() + DAY_MS &&
      SERVER_DNS_NAMES.every((n) => names.includes(`DNS:${n}`))
    );
  } catch {
    return false;
  }
}

/**
 * The emulator's local CA and server certificate, made on first run and kept in the data folder.
 * The CA lasts ten years (trust it once); the server certificate is renewed when it nears expiry.
 */
export async function ensureCertificates(dataDir: string): Promise<TlsMaterial> {
  mkdirSync(dataDir, { recursive: true });
  const caPath = join(dataDir, 'ca.pem');
  const caKeyPath = join(dataDir, 'ca-key.pem');
  const certPath = join(dataDir, 'server.pem');
  const keyPath = join(dataDir, 'server-key.pem');

  let ca: string;
  let caKey: string;
  if (existsSync(caPath) && existsSync(caKeyPath)) {
    ca = readFileSync(caPath, 'utf8');
    caKey = readFileSync(caKeyPath, 'utf8');
  } else {
    const now = new Date();
    const made = await selfsigned.generate([{ name: 'commonName', value: 'FHIR CMK Portal emulator local CA' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - DAY_MS),
      notAfterDate: new Date(now.getTime() + 3650 * DAY_MS),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    ca = made.cert;
    caKey = made.private;
    writeFileSync(caKeyPath, caKey, { mode: 0o600 });
    writeFileSync(caPath, ca);
  }

  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    if (stillGood(cert, ca)) return { ca, caPath, cert, key: readFileSync(keyPath, 'utf8') };
  }
  const now = new Date();
  const server = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: new Date(now.getTime() + 397 * DAY_MS),
    ca: { key: caKey, cert: ca },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...SERVER_DNS_NAMES.map((value) => ({ type: 2 as const, value })), ...SERVER_IPS.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  writeFileSync(keyPath, server.private, { mode: 0o600 });
  writeFileSync(certPath, server.cert);
  return { ca, caPath, cert: server.cert, key: server.private };
}
