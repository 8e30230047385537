import { KeyVaultError, kvErrors } from '../errors/keyvault.ts';
import { BodyTooLargeError, closeAfterResponse, bearerToken, readBody, sendJson, type Req, type Res } from '../http.ts';
import { findPrincipal, KEY_VAULT_AUDIENCE, type Principal } from '../identity/directory.ts';
import type { TokenService } from '../identity/tokens.ts';
import type { Db } from '../store/database.ts';
import type { FaultInjector } from '../faults.ts';
import { TENANT_ID, VAULT_DNS_SUFFIX } from '../../seed/inventory.ts';
import { DATA_ACTIONS, hasKeyPermission, OPERATION_NAMES, type KeyPermission } from './access.ts';
import { isWrapAlgorithm, unwrap, usabilityProblem, wrap } from './crypto.ts';
import { createKeyMaterial, EC_KEY_OPS, newKeyVersion, RSA_KEY_OPS } from './keyMaterial.ts';
import { findVault, KeyStore, type KeyVersion, type VaultBody } from './keyStore.ts';
import type { StoredResource } from '../store/resources.ts';

export const KEY_VAULT_API_VERSIONS = ['7.0', '7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '2025-07-01', '2026-04-01'];
const LATEST = '2026-04-01';
const MAX_RESULTS = 25;
const KEY_NAME = /^[0-9a-zA-Z-]{1,127}$/;
const ALL_OPS = ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey', 'import', 'export'];
const now = () => Math.floor(Date.now() / 1000);

/** The vault name a host names, e.g. `contoso-cmk-kv.vault.localhost[:8443]` → `contoso-cmk-kv`. */
export function vaultNameOf(hostname: string): string | undefined {
  const suffix = `.${VAULT_DNS_SUFFIX}`;
  return hostname.endsWith(suffix) ? hostname.slice(0, -suffix.length) || undefined : undefined;
}

interface Ctx {
  db: Db;
  keys: KeyStore;
  vault: StoredResource<VaultBody>;
  principal: Principal;
  /** `https://{host}` as the client addressed the vault: identifiers and nextLinks are built on it. */
  base: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

type Handler = (c: Ctx, p: Record<string, string>) => Promise<unknown> | unknown;

interface Route {
  method: string;
  pattern: RegExp;
  permission: KeyPermission;
  handler: Handler;
}

// ---------- representations ----------

function recoveryLevel(v: VaultBody): string {
  const p = v.properties;
  if (!p.enableSoftDelete) return 'Purgeable';
  const days = p.softDeleteRetentionInDays ?? 90;
  if (p.enablePurgeProtection) return days < 90 ? 'CustomizedRecoverable' : 'Recoverable';
  return days < 90 ? 'CustomizedRecoverable+Purgeable' : 'Recoverable+Purgeable';
}

function attributes(k: KeyVersion, v: VaultBody) {
  return {
    enabled: k.enabled,
    ...(k.nbf !== null ? { nbf: k.nbf } : {}),
    ...(k.exp !== null ? { exp: k.exp } : {}),
    created: k.created,
    updated: k.updated,
    recoveryLevel: recoveryLevel(v),
    recoverableDays: v.properties.enableSoftDelete ? (v.properties.softDeleteRetentionInDays ?? 90) : 0,
    exportable: false,
  };
}

const kidOf = (c: Ctx, k: KeyVersion, versioned = true) => `${c.base}/keys/${k.name}${versioned ? `/${k.version}` : ''}`;

function keyBundle(c: Ctx, k: KeyVersion) {
  const jwk = k.publicJwk;
  const material = k.kty.startsWith('RSA') ? { n: jwk.n, e: jwk.e } : { crv: k.crv, x: jwk.x, y: jwk.y };
  return { key: { kid: kidOf(c, k), kty: k.kty, key_ops: k.keyOps, ...material }, attributes: attributes(k, c.vault.body), tags: k.tags };
}

function deletedBundle(c: Ctx, k: KeyVersion, d: { deleted: number; scheduledPurge: number }) {
  return { recoveryId: `${c.base}/deletedkeys/${k.name}`, deletedDate: d.deleted, scheduledPurgeDate: d.scheduledPurge, ...keyBundle(c, k) };
}

// ---------- paging ----------

function maxResults(c: Ctx): number {
  const raw = c.query.get('maxresults');
  if (raw === null) return MAX_RESULTS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_RESULTS) throw kvErrors.badParameter(`maxresults must be a whole number from 1 to ${MAX_RESULTS}, not '${raw}'.`);
  return n;
}

function skipToken(c: Ctx): string | undefined {
  const token = c.query.get('$skiptoken');
  if (token === null) return undefined;
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  if (!decoded.startsWith('after:')) throw kvErrors.badParameter('The $skiptoken is not valid.');
  return decoded.slice('after:'.length);
}

function nextLink(c: Ctx, path: string, after: string, max: number): string {
  const q = new URLSearchParams({ 'api-version': c.query.get('api-version')!, $skiptoken: Buffer.from(`after:${after}`).toString('base64url'), maxresults: String(max) });
  return `${c.base}${path}?${q.toString()}`;
}

// ---------- input checks ----------

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function checkName(name: string): string {
  if (!KEY_NAME.test(name)) {
    throw kvErrors.badParameter(`The key name '${name}' is invalid. A key name is 1-127 letters, digits and hyphens.`);
  }
  return name;
}

function readAttributes(body: Record<string, unknown>): { enabled?: boolean; nbf?: number | null; exp?: number | null } {
  const a = body.attributes;
  if (a === undefined || a === null) return {};
  if (typeof a !== 'object' || Array.isArray(a)) throw kvErrors.badParameter('attributes must be an object.');
  const { enabled, nbf, exp } = a as Record<string, unknown>;
  if (enabled !== undefined && typeof enabled !== 'boolean') throw kvErrors.badParameter('attributes.enabled must be true or false.');
  if (nbf !== undefined && nbf !== null && !isInt(nbf)) throw kvErrors.badParameter('attributes.nbf must be a time in seconds since 1970 (an integer).');
  if (exp !== undefined && exp !== null && !isInt(exp)) throw kvErrors.badParameter('attributes.exp must be a time in seconds since 1970 (an integer).');
  if (isInt(nbf) && isInt(exp) && exp <= nbf) throw kvErrors.badParameter('attributes.exp must be later than attributes.nbf.');
  return { ...(enabled !== undefined ? { enabled } : {}), ...(nbf !== undefined ? { nbf: nbf as number | null } : {}), ...(exp !== undefined ? { exp: exp as number | null } : {}) };
}

function readTags(body: Record<string, unknown>): Record<string, string> | undefined {
  const t = body.tags;
  if (t === undefined || t === null) return undefined;
  if (typeof t !== 'object' || Array.isArray(t) || !Object.values(t).every((v) => typeof v === 'string')) {
    throw kvErrors.badParameter('tags must be an object of string values.');
  }
  if (Object.keys(t).length > 15) throw kvErrors.badParameter('A key can have at most 15 tags.');
  return t as Record<string, string>;
}

function readKeyOps(body: Record<string, unknown>): string[] | undefined {
  const ops = body.key_ops;
  if (ops === undefined || ops === null) return undefined;
  if (!Array.isArray(ops) || !ops.every((o) => typeof o === 'string' && ALL_OPS.includes(o))) {
    throw kvErrors.badParameter(`key_ops must be a list of ${ALL_OPS.join(', ')}.`);
  }
  return [...new Set(ops as string[])];
}

// ---------- handlers ----------

function requireKey(c: Ctx, name: string, version?: string): KeyVersion {
  const key = c.keys.get(c.vault.name, name, version || undefined);
  if (!key) throw kvErrors.keyNotFound(version ? `${name}/${version}` : name);
  return key;
}

function listKeys(c: Ctx) {
  const max = maxResults(c);
  const rows = c.keys.listKeys(c.vault.name, skipToken(c), max + 1);
  const page = rows.slice(0, max);
  return {
    value: page.map((k) => ({ kid: kidOf(c, k, false), attributes: attributes(k, c.vault.body), tags: k.tags })),
    nextLink: rows.length > max ? nextLink(c, '/keys', page[page.length - 1]!.name, max) : null,
  };
}

function listVersions(c: Ctx, p: Record<string, string>) {
  const max = maxResults(c);
  if (!c.keys.get(c.vault.name, p.name!)) throw kvErrors.keyNotFound(p.name!);
  const token = skipToken(c);
  const rows = c.keys.listVersions(c.vault.name, p.name!, token ? Number(token) : undefined, max + 1);
  const page = rows.slice(0, max);
  return {
    value: page.map(({ key }) => ({ kid: kidOf(c, key), attributes: attributes(key, c.vault.body), tags: key.tags })),
    nextLink: rows.length > max ? nextLink(c, `/keys/${p.name}/versions`, String(page[page.length - 1]!.rowid), max) : null,
  };
}

async function createKey(c: Ctx, p: Record<string, string>) {
  const name = checkName(p.name!);
  if (c.keys.isDeleted(c.vault.name, name)) throw kvErrors.deletedButRecoverable(name);
  const kty = c.body.kty;
  if (typeof kty !== 'string') throw kvErrors.badParameter("The request body must name the key type (kty): 'RSA', 'RSA-HSM', 'EC' or 'EC-HSM'.");
  const attrs = readAttributes(c.body);
  const tags = readTags(c.body) ?? {};
  const requestedOps = readKeyOps(c.body);
  let spec: { kty: 'RSA'; size: number } | { kty: 'EC'; crv: 'P-256' | 'P-384' };
  if (kty === 'RSA' || kty === 'RSA-HSM') {
    const size = c.body.key_size ?? 2048;
    if (size !== 2048 && size !== 3072 && size !== 4096) throw kvErrors.badParameter(`The RSA key size ${String(size)} is not supported. Use 2048, 3072 or 4096.`);
    spec = { kty: 'RSA', size };
  } else if (kty === 'EC' || kty === 'EC-HSM') {
    const crv = c.body.crv ?? 'P-256';
    if (crv !== 'P-256' && crv !== 'P-384') throw kvErrors.badParameter(`The curve '${String(crv)}' is not supported by the emulator. Use P-256 or P-384.`);
    spec = { kty: 'EC', crv };
  } else {
    throw kvErrors.badParameter(`The key type '${kty}' is not supported in a vault. Use 'RSA', 'RSA-HSM', 'EC' or 'EC-HSM'.`);
  }
  const material = await createKeyMaterial(spec);
  const t = now();
  const key: KeyVersion = {
    vault: c.vault.name, name, version: newKeyVersion(), created: t, updated: t, enabled: attrs.enabled ?? true,
    nbf: attrs.nbf ?? null, exp: attrs.exp ?? null, kty, size: spec.kty === 'RSA' ? spec.size : null, crv: spec.kty === 'EC' ? spec.crv : null,
    keyOps: requestedOps ?? (spec.kty === 'RSA' ? RSA_KEY_OPS : EC_KEY_OPS), tags, publicJwk: material.publicJwk, privatePem: material.privatePem,
  };
  c.keys.insert(key);
  return keyBundle(c, key);
}

async function rotateKey(c: Ctx, p: Record<string, string>) {
  const current = requireKey(c, p.name!);
  const material = await createKeyMaterial(current.kty.startsWith('RSA') ? { kty: 'RSA', size: current.size ?? 2048 } : { kty: 'EC', crv: (current.crv ?? 'P-256') as 'P-256' | 'P-384' });
  const t = now();
  const key: KeyVersion = { ...current, version: newKeyVersion(), created: t, updated: t, enabled: true, nbf: null, exp: null, publicJwk: material.publicJwk, privatePem: material.privatePem };
  c.keys.insert(key);
  return keyBundle(c, key);
}

function updateKey(c: Ctx, p: Record<string, string>) {
  const key = requireKey(c, p.name!, p.version);
  const attrs = readAttributes(c.body);
  const tags = readTags(c.body);
  const ops = readKeyOps(c.body);
  const updated: KeyVersion = {
    ...key,
    enabled: attrs.enabled ?? key.enabled,
    nbf: attrs.nbf !== undefined ? attrs.nbf : key.nbf,
    exp: attrs.exp !== undefined ? attrs.exp : key.exp,
    tags: tags ?? key.tags,
    keyOps: ops ?? key.keyOps,
    updated: now(),
  };
  if (updated.nbf !== null && updated.exp !== null && updated.exp <= updated.nbf) throw kvErrors.badParameter('attributes.exp must be later than attributes.nbf.');
  c.keys.update(updated);
  return keyBundle(c, updated);
}

function deleteKey(c: Ctx, p: Record<string, string>) {
  const key = requireKey(c, p.name!);
  const v = c.vault.body.properties;
  if (!v.enableSoftDelete) {
    c.keys.purge(c.vault.name, key.name);
    return { ...keyBundle(c, key) };
  }
  const t = now();
  const d = { deleted: t, scheduledPurge: t + (v.softDeleteRetentionInDays ?? 90) * 86_400 };
  c.keys.softDelete(c.vault.name, key.name, d.deleted, d.scheduledPurge);
  return deletedBundle(c, key, d);
}

function deletedOrThrow(c: Ctx, name: string) {
  const d = c.keys.isDeleted(c.vault.name, name);
  const key = d && c.keys.getIncludingDeleted(c.vault.name, name);
  if (!d || !key) throw kvErrors.deletedKeyNotFound(name);
  return { d, key };
}

function listDeleted(c: Ctx) {
  const max = maxResults(c);
  const rows = c.keys.listDeleted(c.vault.name, skipToken(c), max + 1);
  const page = rows.slice(0, max);
  return {
    value: page.map((r) => {
      const key = c.keys.getIncludingDeleted(c.vault.name, r.name)!;
      return { recoveryId: `${c.base}/deletedkeys/${key.name}`, deletedDate: r.deleted, scheduledPurgeDate: r.scheduledPurge, kid: kidOf(c, key, false), attributes: attributes(key, c.vault.body), tags: key.tags };
    }),
    nextLink: rows.length > max ? nextLink(c, '/deletedkeys', page[page.length - 1]!.name, max) : null,
  };
}

function getDeleted(c: Ctx, p: Record<string, string>) {
  const { d, key } = deletedOrThrow(c, p.name!);
  return deletedBundle(c, key, d);
}

function recoverDeleted(c: Ctx, p: Record<string, string>) {
  const { key } = deletedOrThrow(c, p.name!);
  c.keys.recover(c.vault.name, key.name);
  return keyBundle(c, key);
}

function purgeDeleted(c: Ctx, p: Record<string, string>) {
  const { key } = deletedOrThrow(c, p.name!);
  if (c.vault.body.properties.enablePurgeProtection) throw kvErrors.purgeProtected();
  c.keys.purge(c.vault.name, key.name);
  return undefined;
}

function cryptoOperation(op: 'wrapKey' | 'unwrapKey'): Handler {
  return (c, p) => {
    const key = requireKey(c, p.name!, p.version);
    if (!key.kty.startsWith('RSA')) throw kvErrors.badParameter(`Operation ${op} is only supported on RSA keys; '${key.name}' is ${key.kty}.`);
    const problem = usabilityProblem(key, now(), op);
    if (problem === 'disabled') throw kvErrors.keyDisabled(op);
    if (problem === 'expired') throw kvErrors.keyExpired(op);
    if (problem === 'not-yet-valid') throw kvErrors.keyNotYetValid(op);
    if (problem === 'operation') throw kvErrors.operationNotAllowed(op);
    const { alg, value } = c.body;
    if (!isWrapAlgorithm(alg)) throw kvErrors.badParameter(`The algorithm '${String(alg)}' is not supported for ${op}. Use RSA-OAEP or RSA-OAEP-256.`);
    if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+={0,2}$/.test(value)) throw kvErrors.badParameter('value must be base64url-encoded bytes.');
    const input = Buffer.from(value, 'base64url');
    let output: Buffer;
    try {
      output = op === 'wrapKey' ? wrap(key, alg, input) : unwrap(key, alg, input);
    } catch {
      throw kvErrors.badParameter(op === 'wrapKey' ? 'The value is too long to wrap with this key and algorithm.' : 'The value could not be unwrapped with this key version and algorithm.');
    }
    return { kid: kidOf(c, key), value: output.toString('base64url') };
  };
}

const N = '(?<name>[^/]+)';
const V = '(?<version>[^/]*)';
const r = (method: string, path: string, permission: KeyPermission, handler: Handler): Route => ({ method, pattern: new RegExp(`^${path}$`), permission, handler });

const ROUTES: readonly Route[] = [
  r('GET', '/keys/?', 'list', listKeys),
  r('GET', `/keys/${N}/versions/?`, 'list', listVersions),
  r('POST', `/keys/${N}/create/?`, 'create', createKey),
  r('POST', `/keys/${N}/rotate/?`, 'rotate', rotateKey),
  r('POST', `/keys/${N}/${V}/wrapkey/?`, 'wrapKey', cryptoOperation('wrapKey')),
  r('POST', `/keys/${N}/${V}/unwrapkey/?`, 'unwrapKey', cryptoOperation('unwrapKey')),
  r('POST', `/keys/${N}/wrapkey/?`, 'wrapKey', cryptoOperation('wrapKey')),
  r('POST', `/keys/${N}/unwrapkey/?`, 'unwrapKey', cryptoOperation('unwrapKey')),
  r('GET', `/keys/${N}/?`, 'get', (c, p) => keyBundle(c, requireKey(c, p.name!))),
  r('GET', `/keys/${N}/${V}/?`, 'get', (c, p) => keyBundle(c, requireKey(c, p.name!, p.version))),
  r('PATCH', `/keys/${N}/?`, 'update', updateKey),
  r('PATCH', `/keys/${N}/${V}/?`, 'update', updateKey),
  r('DELETE', `/keys/${N}/?`, 'delete', deleteKey),
  r('GET', '/deletedkeys/?', 'list', listDeleted),
  r('GET', `/deletedkeys/${N}/?`, 'get', getDeleted),
  r('POST', `/deletedkeys/${N}/recover/?`, 'recover', recoverDeleted),
  r('DELETE', `/deletedkeys/${N}/?`, 'purge', purgeDeleted),
];

export interface KeyVaultDeps {
  db: Db;
  tokens: TokenService;
  faults: FaultInjector;
  /** The authority the 401 challenge names: `https://localhost:{port}`. */
  authorityOrigin: string;
}

/** The Key Vault data plane of `{vault}.vault.localhost`: challenge, token, access, then the operation. */
export async function handleKeyVault(req: Req, res: Res, url: URL, host: string, vaultName: string, deps: KeyVaultDeps): Promise<void> {
  const requestId = crypto.randomUUID();
  const common = { 'x-ms-request-id': requestId, 'x-ms-keyvault-service-version': '1.9.0.0-emulator' };
  const challenge = `Bearer authorization="${deps.authorityOrigin}/${TENANT_ID}", resource="https://${VAULT_DNS_SUFFIX}"`;
  try {
    const vault = findVault(deps.db, vaultName);
    if (!vault) throw kvErrors.vaultNotFound(host);
    if (deps.faults.vaultUnresponsive(vault.name)) {
      // A vault that stops answering: hold the request until the client gives up.
      const timer = setTimeout(() => res.destroy(), 300_000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    const delay = deps.faults.latency('keyvault');
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const fault = deps.faults.takeRequestFault('keyvault');
    if (fault?.status === 429) throw kvErrors.throttled(fault.retryAfter);
    if (fault?.status === 503) throw kvErrors.unavailable();

    // The challenge comes first: an unauthenticated request learns where to get a token, nothing else.
    if (req.headers.authorization === undefined) throw kvErrors.missingToken(challenge);
    const token = bearerToken(req);
    if (!token) throw kvErrors.invalidToken(challenge, 'The Authorization header is not a Bearer token.');
    const verified = deps.tokens.verify(token, (aud) => aud.replace(/\/+$/, '') === KEY_VAULT_AUDIENCE);
    if (!verified.ok) {
      const detail = {
        expired: 'AKV10022: Invalid audience or token has expired.',
        audience: `AKV10022: Invalid audience. Expected ${KEY_VAULT_AUDIENCE}.`,
        issuer: 'AKV10032: Invalid issuer.',
        signature: 'AKV10031: The token signature is not valid.',
        'not-yet-valid': 'AKV10022: The token is not yet valid.',
        malformed: 'AKV10000: The token is malformed.',
      }[verified.reason];
      throw kvErrors.invalidToken(challenge, detail);
    }
    const principal = findPrincipal(String(verified.claims.oid ?? ''));
    if (!principal) throw kvErrors.invalidToken(challenge, 'AKV10032: The principal is not known in this tenant.');

    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) throw kvErrors.missingApiVersion();
    if (!KEY_VAULT_API_VERSIONS.includes(apiVersion)) throw kvErrors.unknownApiVersion(apiVersion, LATEST);

    const path = url.pathname;
    const candidates = ROUTES.filter((route) => route.pattern.test(path));
    if (!candidates.length) throw kvErrors.notFound(req.method ?? 'GET', path);
    const route = candidates.find((c) => c.method === req.method);
    if (!route) throw kvErrors.methodNotAllowed(req.method ?? '');

    if (!hasKeyPermission(deps.db, vault, principal.objectId, route.permission)) {
      if (vault.body.properties.enableRbacAuthorization) {
        throw kvErrors.forbiddenByRbac(`appid=${String(verified.claims.appid ?? '')};oid=${principal.objectId};iss=${String(verified.claims.iss)}`,
          DATA_ACTIONS[route.permission], `${vault.id}`, `${vault.name};location=${vault.body.location}`);
      }
      throw kvErrors.forbiddenByPolicy(OPERATION_NAMES[route.permission]);
    }

    let body: Record<string, unknown> = {};
    if (req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT') {
      const raw = await readBody(req);
      if (raw.length) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw.toString('utf8'));
        } catch {
          throw kvErrors.badParameter('The request body is not valid JSON.');
        }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw kvErrors.badParameter('The request body must be a JSON object.');
        body = parsed as Record<string, unknown>;
      }
    }
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(route.pattern.exec(path)!.groups ?? {})) {
      try {
        params[k] = decodeURIComponent(v ?? '');
      } catch {
        throw kvErrors.badParameter(`The request URI contains a malformed percent-encoding: '${v}'.`);
      }
    }
    const ctx: Ctx = { db: deps.db, keys: new KeyStore(deps.db), vault, principal, base: `https://${host}`, query: url.searchParams, body };
    const result = await route.handler(ctx, params);
    if (result === undefined) {
      res.writeHead(204, { ...common, 'content-length': '0' });
      res.end();
    } else {
      sendJson(res, 200, result, common);
    }
  } catch (e) {
    const error = e instanceof KeyVaultError ? e : e instanceof BodyTooLargeError ? kvErrors.bodyTooLarge() : kvErrors.internal();
    if (error.status === 500) console.error('[emulator] Key Vault request failed:', e);
    if (e instanceof BodyTooLargeError) closeAfterResponse(res);
    sendJson(res, error.status, error.body(), { ...common, ...error.headers });
  }
}
