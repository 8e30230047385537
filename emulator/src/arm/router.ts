import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.ts';
import { ArmError, armErrors } from '../errors/arm.ts';
import { BodyTooLargeError, closeAfterResponse, readBody, sendJson, type Req, type Res } from '../http.ts';
import type { TokenService } from '../identity/tokens.ts';
import type { FaultInjector } from '../faults.ts';
import { API_VERSIONS } from './apiVersions.ts';
import { authenticateArm } from './authenticate.ts';
import type { ArmRequest, ArmResponse } from './context.ts';
import {
  checkNameAvailability, deleteFhirService, getFhirService, getOperationResult, listFhirServices, patchFhirService, putFhirService,
} from './fhirServices.ts';
import type { Operations } from './operations.ts';
import type { DataKeys } from '../cosmos/dataKeys.ts';
import { getResourceGroup, listResourceGroups, putResourceGroup } from './resourceGroups.ts';
import { listPermissions } from './permissions.ts';
import { getSubscriptionHandler, listSubscriptionsHandler } from './subscriptions.ts';
import {
  getVault, getVaultKey, getVaultKeyVersion, listVaultKeys, listVaultKeyVersions, listVaults, patchVault, putVault, updateAccessPolicies,
} from './vaults.ts';

interface Route {
  method: string;
  pattern: RegExp;
  versions: readonly string[];
  handler: (r: ArmRequest) => ArmResponse;
}

const SUB = '/subscriptions/(?<subscriptionId>[^/]+)';
const RG = `${SUB}/resourceGroups/(?<resourceGroup>[^/]+)`;
const FHIR = '/providers/Microsoft\\.HealthcareApis/services';
const KV = '/providers/Microsoft\\.KeyVault/vaults';
const VAULT = `${RG}${KV}/(?<name>[^/]+)`;

const route = (method: string, path: string, versions: readonly string[], handler: Route['handler']): Route => ({
  method, pattern: new RegExp(`^${path}/?$`, 'i'), versions, handler,
});

const { subscriptions: S, resourceGroups: G, healthcareApis: H, keyVault: K, authorization: A } = API_VERSIONS;
const ROUTES: readonly Route[] = [
  route('GET', '/subscriptions', S, listSubscriptionsHandler),
  route('GET', SUB, S, getSubscriptionHandler),
  route('GET', `${SUB}/providers/Microsoft\\.Authorization/permissions`, A, listPermissions),
  route('GET', `${RG}/providers/Microsoft\\.Authorization/permissions`, A, listPermissions),
  route('GET', `${RG}/providers/(?<resourcePath>.+)/providers/Microsoft\\.Authorization/permissions`, A, listPermissions),
  route('GET', `${SUB}/resourcegroups`, G, listResourceGroups),
  route('GET', RG, G, getResourceGroup),
  route('PUT', RG, G, putResourceGroup),
  route('GET', `${SUB}${FHIR}`, H, listFhirServices),
  route('GET', `${RG}${FHIR}`, H, listFhirServices),
  route('GET', `${RG}${FHIR}/(?<name>[^/]+)`, H, getFhirService),
  route('PUT', `${RG}${FHIR}/(?<name>[^/]+)`, H, putFhirService),
  route('PATCH', `${RG}${FHIR}/(?<name>[^/]+)`, H, patchFhirService),
  route('DELETE', `${RG}${FHIR}/(?<name>[^/]+)`, H, deleteFhirService),
  route('POST', `${SUB}/providers/Microsoft\\.HealthcareApis/checkNameAvailability`, H, checkNameAvailability),
  route('GET', `${SUB}/providers/Microsoft\\.HealthcareApis/locations/(?<location>[^/]+)/operationresults/(?<operationId>[^/]+)`, H, getOperationResult),
  route('GET', `${SUB}${KV}`, K, listVaults),
  route('GET', `${RG}${KV}`, K, listVaults),
  route('GET', VAULT, K, getVault),
  route('PUT', VAULT, K, putVault),
  route('PATCH', VAULT, K, patchVault),
  route('PUT', `${VAULT}/accessPolicies/(?<operationKind>[^/]+)`, K, updateAccessPolicies),
  route('GET', `${VAULT}/keys`, K, listVaultKeys),
  route('GET', `${VAULT}/keys/(?<keyName>[^/]+)`, K, getVaultKey),
  route('GET', `${VAULT}/keys/(?<keyName>[^/]+)/versions`, K, listVaultKeyVersions),
  route('GET', `${VAULT}/keys/(?<keyName>[^/]+)/versions/(?<version>[^/]+)`, K, getVaultKeyVersion),
];

/** Paths Resource Manager owns on the emulator's host. */
export const isArmPath = (path: string) => /^\/(subscriptions|providers|tenants)(\/|$)/i.test(path);

export interface ArmDeps {
  db: Db;
  tokens: TokenService;
  faults: FaultInjector;
  operations: Operations;
  dataKeys: DataKeys;
  provisioningDelayMs: number;
}

const WRITE_METHODS = new Set(['PUT', 'PATCH', 'POST', 'DELETE']);

/** dispatch → api-version → authenticate → faults → parse → handler → serialize; every failure in ARM's error shape. */
export async function handleArm(req: Req, res: Res, url: URL, origin: string, deps: ArmDeps): Promise<void> {
  const requestId = randomUUID();
  const common = { 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': requestId };
  try {
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      throw new ArmError(400, 'InvalidRequestUri', `The request URI '${url.pathname}' is not valid: it has a malformed percent-encoding.`);
    }
    const candidates = ROUTES.filter((r) => r.pattern.test(path));
    if (candidates.length === 0) throw armErrors.noRoute(req.method ?? 'GET', url.pathname);
    const match = candidates.find((r) => r.method === req.method);
    if (!match) throw armErrors.methodNotAllowed(req.method ?? '');
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) throw armErrors.missingApiVersion();
    if (!match.versions.includes(apiVersion)) throw armErrors.invalidApiVersion(apiVersion, match.versions);
    const principal = authenticateArm(req, deps.tokens);

    const delay = deps.faults.latency('arm');
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const fault = deps.faults.takeRequestFault('arm');
    if (fault?.status === 429) {
      throw new ArmError(429, 'TooManyRequests', 'The request is being throttled (a fault injected by the emulator). Retry after the time in Retry-After.', undefined,
        { 'retry-after': String(fault.retryAfter) });
    }
    if (fault?.status === 503) throw new ArmError(503, 'ServiceUnavailable', 'The service is temporarily unavailable (a fault injected by the emulator).', undefined, { 'retry-after': '1' });

    const raw = WRITE_METHODS.has(req.method ?? '') ? await readBody(req) : Buffer.alloc(0);
    let body: unknown;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (e) {
        throw new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: '${(e as Error).message}'.`);
      }
    }
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    // Long-running operations whose time has come complete before anything reads or writes.
    deps.operations.completeDue();
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(match.pattern.exec(path)!.groups ?? {})) if (v !== undefined) params[k] = v;
    const result = match.handler({
      db: deps.db, principal, method: req.method!, params, query: url.searchParams, body, headers, origin, apiVersion,
      operations: deps.operations, faults: deps.faults, dataKeys: deps.dataKeys, provisioningDelayMs: deps.provisioningDelayMs,
    });
    if (result.body === undefined) {
      res.writeHead(result.status, { ...common, ...result.headers, 'content-length': '0' });
      res.end();
    } else {
      sendJson(res, result.status, result.body, { ...common, ...result.headers });
    }
  } catch (e) {
    const error = e instanceof ArmError ? e : e instanceof BodyTooLargeError ? armErrors.bodyTooLarge() : armErrors.internal();
    if (!(e instanceof ArmError) && !(e instanceof BodyTooLargeError)) console.error('[emulator] ARM request failed:', e);
    if (e instanceof BodyTooLargeError) closeAfterResponse(res);
    sendJson(res, error.status, error.body(), { ...common, ...error.headers });
  }
}
