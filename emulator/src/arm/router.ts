import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.ts';
import { ArmError, armErrors } from '../errors/arm.ts';
import { BodyTooLargeError, readBody, sendJson, type Req, type Res } from '../http.ts';
import type { TokenService } from '../identity/tokens.ts';
import { API_VERSIONS } from './apiVersions.ts';
import { authenticateArm } from './authenticate.ts';
import type { ArmRequest, ArmResponse } from './context.ts';
import { getFhirService, listFhirServices } from './fhirServices.ts';
import { getSubscriptionHandler, listSubscriptionsHandler } from './subscriptions.ts';

interface Route {
  method: string;
  pattern: RegExp;
  versions: readonly string[];
  handler: (r: ArmRequest) => ArmResponse;
}

const SUB = '/subscriptions/(?<subscriptionId>[^/]+)';
const RG = `${SUB}/resourceGroups/(?<resourceGroup>[^/]+)`;
const FHIR = '/providers/Microsoft\\.HealthcareApis/services';

const route = (method: string, path: string, versions: readonly string[], handler: Route['handler']): Route => ({
  method, pattern: new RegExp(`^${path}/?$`, 'i'), versions, handler,
});

const ROUTES: readonly Route[] = [
  route('GET', '/subscriptions', API_VERSIONS.subscriptions, listSubscriptionsHandler),
  route('GET', SUB, API_VERSIONS.subscriptions, getSubscriptionHandler),
  route('GET', `${SUB}${FHIR}`, API_VERSIONS.healthcareApis, listFhirServices),
  route('GET', `${RG}${FHIR}`, API_VERSIONS.healthcareApis, listFhirServices),
  route('GET', `${RG}${FHIR}/(?<name>[^/]+)`, API_VERSIONS.healthcareApis, getFhirService),
];

/** Paths Resource Manager owns on the emulator's host. */
export const isArmPath = (path: string) => /^\/(subscriptions|providers|tenants)(\/|$)/i.test(path);

/** dispatch → api-version → authenticate → parse → handler → serialize; every failure in ARM's error shape. */
export async function handleArm(req: Req, res: Res, url: URL, origin: string, db: Db, tokens: TokenService): Promise<void> {
  const requestId = randomUUID();
  const common = { 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': requestId };
  try {
    const path = decodeURIComponent(url.pathname);
    const candidates = ROUTES.filter((r) => r.pattern.test(path));
    if (candidates.length === 0) throw armErrors.noRoute(req.method ?? 'GET', url.pathname);
    const match = candidates.find((r) => r.method === req.method);
    if (!match) throw armErrors.methodNotAllowed(req.method ?? '');
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) throw armErrors.missingApiVersion();
    if (!match.versions.includes(apiVersion)) throw armErrors.invalidApiVersion(apiVersion, match.versions);
    const principal = authenticateArm(req, tokens);
    const raw = req.method === 'GET' || req.method === 'DELETE' ? Buffer.alloc(0) : await readBody(req);
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
    const result = match.handler({
      db, principal, method: req.method!, params: { ...match.pattern.exec(path)!.groups }, query: url.searchParams, body, headers, origin,
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
    sendJson(res, error.status, error.body(), { ...common, ...error.headers });
  }
}
