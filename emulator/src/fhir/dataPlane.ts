import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { BodyTooLargeError, bearerToken, closeAfterResponse, readBody, sendJson, type Req, type Res } from '../http.ts';
import { findPrincipal } from '../identity/directory.ts';
import type { TokenService } from '../identity/tokens.ts';
import { prepared, type Db } from '../store/database.ts';
import { rolesAt } from '../store/resources.ts';
import type { FaultInjector } from '../faults.ts';
import { cmkFailureText, type DataKeys } from '../cosmos/dataKeys.ts';

/** FHIR hosts in the emulator: `{account}.azurehealthcareapis.localhost`. */
export const FHIR_DNS_SUFFIX = 'azurehealthcareapis.localhost';
export const accountNameOf = (hostname: string): string | undefined =>
  hostname.endsWith(`.${FHIR_DNS_SUFFIX}`) ? hostname.slice(0, -(FHIR_DNS_SUFFIX.length + 1)) || undefined : undefined;

const TYPES = ['Patient', 'Observation'] as const;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

class FhirError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

const outcome = (severity: string, code: string, diagnostics: string) => ({
  resourceType: 'OperationOutcome', id: randomUUID(), issue: [{ severity, code, diagnostics }],
});

interface Stored {
  version: number;
  last_updated: string;
  deleted: number;
  iv: Buffer | null;
  ciphertext: Buffer | null;
}

export interface FhirDeps {
  db: Db;
  tokens: TokenService;
  faults: FaultInjector;
  dataKeys: DataKeys;
}

/** AES-256-GCM under the account's data key; the resource's identity is bound in as associated data. */
function seal(key: Buffer, aad: string, json: string): { iv: Buffer; ciphertext: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return { iv, ciphertext: Buffer.concat([body, cipher.getAuthTag()]) };
}

function open(key: Buffer, aad: string, iv: Buffer, ciphertext: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  return Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]).toString('utf8');
}

function capabilityStatement(base: string) {
  return {
    resourceType: 'CapabilityStatement', status: 'active', date: '2026-01-01', kind: 'instance', fhirVersion: '4.0.1',
    format: ['application/fhir+json'], software: { name: 'Azure API for FHIR (emulated)' }, implementation: { description: 'FHIR CMK Portal emulator', url: base },
    rest: [{
      mode: 'server',
      security: { service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] }] },
      resource: TYPES.map((type) => ({
        type,
        interaction: ['create', 'read', 'update', 'delete', 'search-type'].map((code) => ({ code })),
        searchParam: [{ name: '_id', type: 'token' }],
      })),
    }],
  };
}

/** The FHIR data plane of one account: metadata, and create/read/update/delete/search by _id for Patient and Observation. */
export async function handleFhir(req: Req, res: Res, url: URL, host: string, account: string, deps: FhirDeps): Promise<void> {
  const base = `https://${host}`;
  try {
    const row = prepared(deps.db, "select id, body from resources where type = 'Microsoft.HealthcareApis/services' and name = ?").get(account) as { id: string; body: string } | undefined;
    if (!row) throw new FhirError(404, 'not-found', `No Azure API for FHIR account '${account}' exists.`);
    const accountId = row.id;
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/metadata' && req.method === 'GET') return sendJson(res, 200, capabilityStatement(base), { 'content-type': FHIR_JSON });

    const delay = deps.faults.latency('fhir');
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const fault = deps.faults.takeRequestFault('fhir');
    if (fault?.status === 429) throw new FhirError(429, 'throttled', 'The request was throttled (a fault injected by the emulator).', { 'retry-after': String(fault.retryAfter) });
    if (fault?.status === 503) throw new FhirError(503, 'transient', 'The service is temporarily unavailable (a fault injected by the emulator).');

    // Tokens for this account's audience only.
    const token = bearerToken(req);
    if (!token) throw new FhirError(401, 'login', 'Authentication failed: the request has no bearer token.', { 'www-authenticate': 'Bearer' });
    const audience = `https://${account}.${FHIR_DNS_SUFFIX}`;
    const verified = deps.tokens.verify(token, (aud) => aud.replace(/\/+$/, '') === audience);
    if (!verified.ok) throw new FhirError(401, 'login', `Authentication failed: the token is not valid for ${audience} (${verified.reason}).`, { 'www-authenticate': 'Bearer' });
    // Data access comes from the account's access policies or the FHIR data roles, not from Resource Manager roles.
    const principal = findPrincipal(String(verified.claims.oid ?? ''));
    const roles = principal ? rolesAt(deps.db, principal.objectId, accountId) : [];
    const write = req.method !== 'GET';
    const inPolicy = () => {
      // Read only when the roles don't decide: parsing the account on every request is the hot path.
      const policies = (JSON.parse(row.body) as { properties?: { accessPolicies?: { objectId: string }[] } }).properties?.accessPolicies ?? [];
      return !!principal && policies.some((p) => p.objectId.toLowerCase() === principal.objectId.toLowerCase());
    };
    const allowed = roles.includes('FHIR Data Contributor') || (!write && roles.includes('FHIR Data Reader')) || inPolicy();
    if (!allowed) {
      throw new FhirError(403, 'forbidden', `Authorization failed: the caller has no FHIR data ${write ? 'write' : 'read'} access to ${account} (an access policy, or the role FHIR Data ${write ? 'Contributor' : 'Reader'}).`);
    }

    const [, type, id, ...extra] = path.split('/');
    if (!type || !(TYPES as readonly string[]).includes(type) || extra.length) {
      throw new FhirError(404, 'not-supported', `The emulator serves ${TYPES.join(' and ')} only; '${path}' is not supported.`);
    }
    if (id !== undefined && !ID.test(id)) throw new FhirError(400, 'invalid', `The id '${id}' is not a valid FHIR id.`);

    // The data key decides: revoked access to the customer's key refuses the data.
    const key = deps.dataKeys.dataKey(accountId);
    if (!Buffer.isBuffer(key)) throw new FhirError(403, 'forbidden', cmkFailureText(key.code));
    const aad = (rid: string, version: number) => `${accountId.toLowerCase()}|${type}|${rid}|${version}`;
    const load = (rid: string) => prepared(deps.db, 'select version, last_updated, deleted, iv, ciphertext from fhir_resources where account_id = ? and type = ? and id = ?').get(accountId, type, rid) as Stored | undefined;
    const read = (rid: string, s: Stored) => JSON.parse(open(key, aad(rid, s.version), s.iv!, s.ciphertext!)) as Record<string, unknown>;
    const save = (rid: string, version: number, resource: Record<string, unknown>) => {
      const lastUpdated = new Date().toISOString();
      const full = { ...resource, resourceType: type, id: rid, meta: { ...(resource.meta as object | undefined), versionId: String(version), lastUpdated } };
      const sealed = seal(key, aad(rid, version), JSON.stringify(full));
      prepared(deps.db,
        `insert into fhir_resources (account_id, type, id, version, last_updated, deleted, iv, ciphertext) values (?, ?, ?, ?, ?, 0, ?, ?)
         on conflict(account_id, type, id) do update set version = excluded.version, last_updated = excluded.last_updated, deleted = 0, iv = excluded.iv, ciphertext = excluded.ciphertext`,
      ).run(accountId, type, rid, version, lastUpdated, sealed.iv, sealed.ciphertext);
      return full;
    };
    const body = async (): Promise<Record<string, unknown>> => {
      const raw = await readBody(req);
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new FhirError(400, 'structure', 'The body is not valid JSON.');
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new FhirError(400, 'structure', 'The body must be a FHIR resource (a JSON object).');
      const r = parsed as Record<string, unknown>;
      if (r.resourceType !== type) throw new FhirError(400, 'invalid', `The resourceType must be '${type}', not '${String(r.resourceType)}'.`);
      return r;
    };
    const headersOf = (r: Record<string, unknown>) => {
      const meta = r.meta as { versionId: string; lastUpdated: string };
      return { 'content-type': FHIR_JSON, etag: `W/"${meta.versionId}"`, 'last-modified': new Date(meta.lastUpdated).toUTCString(), location: `${base}/${type}/${String(r.id)}/_history/${meta.versionId}` };
    };

    switch (req.method) {
      case 'GET': {
        if (id === undefined) {
          const requested = Number(url.searchParams.get('_count') ?? 100);
          const count = Number.isInteger(requested) ? Math.min(Math.max(requested, 1), 1000) : 100;
          const offset = Math.max(0, Number.parseInt(Buffer.from(url.searchParams.get('ct') ?? '', 'base64url').toString() || '0', 10) || 0);
          const ids = url.searchParams.get('_id');
          const matching = ids
            ? [...new Set(ids.split(',').map((x) => x.trim()).filter((x) => ID.test(x)))].filter((x) => load(x)?.deleted === 0)
            : (prepared(deps.db, 'select id from fhir_resources where account_id = ? and type = ? and deleted = 0 order by last_updated desc, id').all(accountId, type) as { id: string }[]).map((r) => r.id);
          const pageIds = matching.slice(offset, offset + count);
          const entries = pageIds.map((rid) => ({ fullUrl: `${base}/${type}/${rid}`, resource: read(rid, load(rid)!), search: { mode: 'match' } }));
          const link = [{ relation: 'self', url: `${base}${url.pathname}${url.search}` }];
          if (offset + count < matching.length) {
            const next = new URLSearchParams(url.searchParams);
            next.set('ct', Buffer.from(String(offset + count)).toString('base64url'));
            link.push({ relation: 'next', url: `${base}${url.pathname}?${next.toString()}` });
          }
          return sendJson(res, 200, { resourceType: 'Bundle', id: randomUUID(), type: 'searchset', total: matching.length, link, entry: entries }, { 'content-type': FHIR_JSON });
        }
        const s = load(id);
        if (!s) throw new FhirError(404, 'not-found', `Resource type '${type}' with id '${id}' couldn't be found.`);
        if (s.deleted) throw new FhirError(410, 'deleted', `Resource type '${type}' with id '${id}' was deleted.`);
        const r = read(id, s);
        return sendJson(res, 200, r, headersOf(r));
      }
      case 'PUT': {
        if (id === undefined) throw new FhirError(405, 'not-supported', 'PUT needs a resource id.');
        const r = await body();
        if (r.id !== undefined && r.id !== id) throw new FhirError(400, 'invalid', `The resource id '${String(r.id)}' does not match the URL id '${id}'.`);
        const result = deps.db.transaction(() => {
          const s = load(id);
          const ifMatch = req.headers['if-match'];
          if (typeof ifMatch === 'string' && (!s || s.deleted || ifMatch.replace(/^W\//, '').replace(/"/g, '') !== String(s.version))) {
            throw new FhirError(412, 'conflict', `The version of '${type}/${id}' does not match the If-Match header.`);
          }
          return { saved: save(id, s ? s.version + 1 : 1, r), created: !s || s.deleted === 1 };
        })();
        return sendJson(res, result.created ? 201 : 200, result.saved, headersOf(result.saved));
      }
      case 'POST': {
        if (id !== undefined) throw new FhirError(405, 'not-supported', 'POST creates a resource: send it to /{type} without an id.');
        const r = await body();
        const saved = deps.db.transaction(() => save(randomUUID(), 1, r))();
        return sendJson(res, 201, saved, headersOf(saved));
      }
      case 'DELETE': {
        if (id === undefined) throw new FhirError(405, 'not-supported', 'DELETE needs a resource id.');
        prepared(deps.db, "update fhir_resources set deleted = 1, iv = null, ciphertext = null, version = version + 1, last_updated = ? where account_id = ? and type = ? and id = ?")
          .run(new Date().toISOString(), accountId, type, id);
        res.writeHead(204, { 'content-length': '0' });
        res.end();
        return;
      }
      default:
        throw new FhirError(405, 'not-supported', `The method '${req.method}' is not supported.`);
    }
  } catch (e) {
    const err = e instanceof FhirError ? e : e instanceof BodyTooLargeError ? new FhirError(413, 'too-costly', e.message) : new FhirError(500, 'exception', 'The emulator could not complete the request.');
    if (err.status === 500) console.error('[emulator] FHIR request failed:', e);
    if (e instanceof BodyTooLargeError) closeAfterResponse(res);
    sendJson(res, err.status, outcome(err.status >= 500 ? 'fatal' : 'error', err.code, err.message), { 'content-type': FHIR_JSON, ...err.headers });
  }
}
