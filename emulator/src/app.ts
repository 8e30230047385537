import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SERVICE_PRINCIPAL, DEMO_USERS, PORTAL_CLIENT_ID, TENANT_ID, VAULT_DNS_SUFFIX } from '../seed/inventory.ts';
import { seed } from '../seed/seed.ts';
import { handleArm, isArmPath } from './arm/router.ts';
import { Operations } from './arm/operations.ts';
import { CmkUnavailableError, DataKeys } from './cosmos/dataKeys.ts';
import { accountNameOf, handleFhir } from './fhir/dataPlane.ts';
import { hostname, readBody, requestHost, send, sendJson, type Req, type Res } from './http.ts';
import { FaultInjector, faultSettingsProblem, type FaultSettings } from './faults.ts';
import { handleKeyVault, vaultNameOf } from './keyvault/dataPlane.ts';
import { GATEWAY_PREFIX, handleGateway } from './gateway/keyVaultGateway.ts';
import { Authority } from './identity/authority.ts';
import { isKnownTenant } from './identity/directory.ts';
import { loadSigningKey } from './identity/signingKey.ts';
import { TokenService } from './identity/tokens.ts';
import type { EmulatorOptions } from './options.ts';
import { getMeta, openDatabase, setMeta, type Db } from './store/database.ts';
import { ensureCertificates, type TlsMaterial } from './tls/certificates.ts';

export type Next = (err?: unknown) => void;
export type Handler = (req: Req, res: Res, next?: Next) => void;

export interface Emulator {
  handler: Handler;
  tls: TlsMaterial;
  db: Db;
  faults: FaultInjector;
  dataKeys: DataKeys;
  options: EmulatorOptions;
  /** Lines for the start-up banner. */
  banner(origin: string): string;
  close(): void;
}

export const CA_PATH = '/.well-known/emulator/ca.pem';
export const HEALTH_PATH = '/emulator/health';
export const FAULTS_PATH = '/emulator/faults';
export const SQLITE_FILE = 'emulator.sqlite';

async function openStore(o: EmulatorOptions): Promise<Db> {
  const file = o.inMemory ? ':memory:' : join(o.dataDir, SQLITE_FILE);
  if (o.reset && !o.inMemory) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const db = openDatabase(file);
  if (!getMeta(db, 'seeded-at')) {
    await seed(db);
    setMeta(db, 'seeded-at', new Date().toISOString());
  }
  return db;
}

/** Builds the emulator: certificates, store, and one request handler (no listening socket). */
export async function buildEmulator(options: EmulatorOptions): Promise<Emulator> {
  const tls = await ensureCertificates(options.dataDir);
  const db = await openStore(options);
  const ownHosts = new Set([`localhost:${options.port}`, `127.0.0.1:${options.port}`, `[::1]:${options.port}`]);
  const signingKey = loadSigningKey(db);
  const tokens = new TokenService(db, signingKey, (host) => ownHosts.has(host));
  const authority = new Authority(tokens, signingKey);
  const faults = new FaultInjector();
  const dataKeys = new DataKeys(db, faults);
  const operations = new Operations(db, (resourceId) => dataKeys.remove(resourceId));
  // Every account has its data key (the seed's, and those of data folders made before keys existed).
  const unkeyed = db.prepare("select id, body from resources where type = 'Microsoft.HealthcareApis/services' and id not in (select account_id from account_keys)").all() as { id: string; body: string }[];
  for (const a of unkeyed) {
    const uri = (JSON.parse(a.body) as { properties?: { cosmosDbConfiguration?: { keyVaultKeyUri?: string } } }).properties?.cosmosDbConfiguration?.keyVaultKeyUri;
    try {
      dataKeys.provision(a.id, uri);
    } catch (e) {
      if (!(e instanceof CmkUnavailableError) || !uri) throw e;
      // Revoked until the monitor can reach the key; it makes the data key then.
      dataKeys.provisionLater(a.id, uri, e.code);
    }
  }
  dataKeys.startMonitor(options.cmkCheckIntervalMs);
  const fhirDeps = { db, tokens, faults, dataKeys };
  const authorityOrigin = `https://localhost:${options.port}`;

  const route = async (req: Req, res: Res, next?: Next): Promise<void> => {
    const host = requestHost(req);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `https://${host}`);
    } catch {
      return sendJson(res, 400, { error: { code: 'InvalidRequest', message: 'The request has an invalid Host header or target.' } });
    }
    const path = url.pathname;
    const notMine = () => (next ? next() : sendJson(res, 404, { error: { code: 'NotFound', message: `Nothing is served at '${path}'.` } }));

    const vault = vaultNameOf(hostname(host));
    if (vault) return handleKeyVault(req, res, url, host, vault, { db, tokens, faults, authorityOrigin });
    const fhirAccount = accountNameOf(hostname(host));
    if (fhirAccount) return handleFhir(req, res, url, hostname(host), fhirAccount, fhirDeps);
    if (!ownHosts.has(host) && hostname(host) !== 'localhost') return notMine();
    if (path === FAULTS_PATH) return faultsRoute(req, res);
    const fhirGateway = /^\/_fhir\/([a-z0-9][a-z0-9-]{1,22}[a-z0-9])\.azurehealthcareapis\.localhost(\/[^/].*|\/)$/.exec(url.pathname);
    if (fhirGateway) {
      // The browser reaches an account's FHIR API through the same origin too.
      const target = new URL(`https://${fhirGateway[1]}.azurehealthcareapis.localhost`);
      target.pathname = fhirGateway[2]!;
      target.search = url.search;
      return handleFhir(req, res, target, target.hostname, fhirGateway[1]!, fhirDeps);
    }
    if (path.startsWith(GATEWAY_PREFIX)) {
      // The portal's KeyClient reaches the emulator's vaults through the same-origin gateway.
      await handleGateway(req, res, `${url.pathname}${url.search}`, {
        suffixes: [VAULT_DNS_SUFFIX],
        local: (r, s, target) => handleKeyVault(r, s, new URL(target.pathAndQuery, `https://${target.host}`), target.host, target.vault, { db, tokens, faults, authorityOrigin }),
      });
      return;
    }
    if (path === CA_PATH) return send(res, 200, tls.ca, { 'content-type': 'application/x-pem-file' });
    if (path === HEALTH_PATH) return sendJson(res, 200, { status: 'ready', tenantId: TENANT_ID });
    const [, first = '', ...rest] = path.split('/');
    if (isKnownTenant(first) && rest.length) {
      if (await authority.handle(req, res, url, ownHosts.has(host) ? host : `localhost:${options.port}`, rest.join('/'))) return;
      return notMine();
    }
    if (isArmPath(path)) return handleArm(req, res, url, `https://${host}`, { db, tokens, faults, operations, dataKeys, provisioningDelayMs: options.provisioningDelayMs });
    notMine();
  };

  /** The faults admin route: absent unless the emulator was started with faults enabled. */
  const faultsRoute = async (req: Req, res: Res): Promise<void> => {
    if (!options.faults) {
      return sendJson(res, 404, { error: { code: 'FaultsDisabled', message: 'Faults are off. Start the emulator with --faults (or EMULATOR_FAULTS=1) to use this route.' } });
    }
    if (req.method === 'GET') return sendJson(res, 200, faults.get());
    if (req.method === 'DELETE') {
      faults.clear();
      return sendJson(res, 200, faults.get());
    }
    if (req.method !== 'PUT') return sendJson(res, 405, { error: { code: 'MethodNotAllowed', message: 'Use GET, PUT or DELETE.' } });
    let value: unknown;
    try {
      value = JSON.parse((await readBody(req)).toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: { code: 'InvalidRequestContent', message: 'The body must be JSON.' } });
    }
    const problem = faultSettingsProblem(value);
    if (problem) return sendJson(res, 400, { error: { code: 'InvalidFault', message: problem } });
    faults.set(value as FaultSettings);
    sendJson(res, 200, faults.get());
  };

  const handler: Handler = (req, res, next) => {
    route(req, res, next).catch((e: unknown) => {
      console.error('[emulator] request failed:', e);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'InternalServerError', message: 'The emulator could not complete the request.' } });
      else res.end();
    });
  };

  return {
    handler,
    tls,
    db,
    faults,
    dataKeys,
    options,
    close: () => {
      dataKeys.stop();
      db.close();
    },
    banner: (origin) => banner(origin, options, tls),
  };
}

function banner(origin: string, o: EmulatorOptions, tls: TlsMaterial): string {
  const users = DEMO_USERS.map((u) => `    ${u.displayName.padEnd(14)} ${u.userPrincipalName.padEnd(26)} ${u.description}`).join('\n');
  return [
    '',
    `  FHIR CMK Portal emulator — ${origin}`,
    `    Resource Manager  ${origin}/subscriptions?api-version=2022-12-01`,
    `    Entra ID          ${origin}/${TENANT_ID}/v2.0/.well-known/openid-configuration`,
    `    Key Vault         https://{vault}.vault.localhost:${o.port}`,
    `    FHIR              https://{account}.azurehealthcareapis.localhost:${o.port}`,
    `    Readiness         ${origin}${HEALTH_PATH}`,
    '',
    `  Tenant            ${TENANT_ID} (Contoso (emulated))`,
    `  Portal client ID  ${PORTAL_CLIENT_ID}`,
    '  Demo users (sign in by picking one; no password):',
    users,
    '  Demo service principal (client credentials):',
    `    client ID ${DEMO_SERVICE_PRINCIPAL.clientId}   secret ${DEMO_SERVICE_PRINCIPAL.clientSecret}`,
    '',
    `  Data folder       ${o.dataDir}${o.inMemory ? ' (store in memory)' : ''}`,
    `  CA certificate    ${tls.caPath}   (also at ${origin}${CA_PATH})`,
    `  Node clients      NODE_EXTRA_CA_CERTS=${tls.caPath}`,
    '',
  ].join('\n');
}
