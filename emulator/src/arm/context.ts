import type { Db } from '../store/database.ts';
import type { Principal } from '../identity/directory.ts';
import { ArmError, armErrors } from '../errors/arm.ts';
import { getSubscription, rolesAt, type RoleName } from '../store/resources.ts';
import type { FaultInjector } from '../faults.ts';
import type { Operations } from './operations.ts';
import type { DataKeys } from '../cosmos/dataKeys.ts';

/** What an ARM handler sees: no HTTP objects, only the parsed request. */
export interface ArmRequest {
  db: Db;
  principal: Principal;
  method: string;
  /** Path parameters from the route. */
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string | undefined>;
  /** `https://{host}` the client used; `nextLink`s and operation URLs are built on it. */
  origin: string;
  apiVersion: string;
  operations: Operations;
  faults: FaultInjector;
  dataKeys: DataKeys;
  provisioningDelayMs: number;
}

export interface ArmResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const READ_ROLES: readonly RoleName[] = ['Owner', 'Contributor', 'Reader'];
const WRITE_ROLES: readonly RoleName[] = ['Owner', 'Contributor'];

/** Checks the subscription exists and the caller may perform `action` at `scope` (403 AuthorizationFailed otherwise). */
export function authorize(r: ArmRequest, subscriptionId: string, scope: string, action: string, write = false): void {
  if (!getSubscription(r.db, subscriptionId)) throw armErrors.subscriptionNotFound(subscriptionId);
  const roles = rolesAt(r.db, r.principal.objectId, scope);
  const allowed = write ? WRITE_ROLES : READ_ROLES;
  if (!roles.some((role) => allowed.includes(role))) throw armErrors.authorizationFailed(r.principal.objectId, action, scope);
}

/** If-Match / If-None-Match against the current etag (undefined: the resource does not exist). 412 on mismatch. */
export function checkPreconditions(r: ArmRequest, currentEtag: string | undefined): void {
  const ifMatch = r.headers['if-match'];
  const ifNoneMatch = r.headers['if-none-match'];
  const failed = () =>
    new ArmError(412, 'PreconditionFailed', 'The condition specified using HTTP conditional header(s) is not met.');
  if (ifMatch !== undefined) {
    const tags = ifMatch.split(',').map((t) => t.trim());
    if (currentEtag === undefined) throw failed();
    if (!tags.includes('*') && !tags.includes(currentEtag)) throw failed();
  }
  if (ifNoneMatch !== undefined && currentEtag !== undefined) {
    const tags = ifNoneMatch.split(',').map((t) => t.trim());
    if (tags.includes('*') || tags.includes(currentEtag)) throw failed();
  }
}

/** The body as a JSON object, or ARM's InvalidRequestContent. */
export function objectBody(r: ArmRequest): Record<string, unknown> {
  if (!r.body || typeof r.body !== 'object' || Array.isArray(r.body)) {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: the body must be a JSON object.');
  }
  return r.body as Record<string, unknown>;
}

export function invalidContent(path: string, expected: string): ArmError {
  return new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: '${path}' must be ${expected}.`, path);
}

/** ARM tag rules: at most 50, names up to 512 characters without < > % & \\ ? /, values up to 256. */
export function readTags(value: unknown, path = 'tags'): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidContent(path, 'an object of string values');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 50) throw new ArmError(400, 'InvalidTag', 'A resource can have at most 50 tags.', path);
  for (const [k, v] of entries) {
    if (typeof v !== 'string') throw invalidContent(`${path}.${k}`, 'a string');
    if (k.length === 0 || k.length > 512 || /[<>%&\\?/]/.test(k)) {
      throw new ArmError(400, 'InvalidTagNameCharacters', `The tag name '${k}' is not valid: use 1-512 characters other than < > % & \\ ? /.`, path);
    }
    if (v.length > 256) throw new ArmError(400, 'InvalidTag', `The value of tag '${k}' is longer than 256 characters.`, path);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** One page of a list, with an ARM `nextLink` carrying `$skipToken` when more remain. */
export function page<T extends { id: string }>(
  r: ArmRequest,
  path: string,
  fetch: (after: string | undefined, limit: number) => T[],
  pageSize: number,
): ArmResponse {
  const token = r.query.get('$skipToken') ?? r.query.get('$skiptoken');
  let after: string | undefined;
  if (token) {
    try {
      after = Buffer.from(token, 'base64url').toString('utf8');
    } catch {
      after = undefined;
    }
    if (!after?.startsWith('/subscriptions/')) throw new ArmError(400, 'InvalidSkipToken', `The skip token '${token}' is not valid.`);
  }
  const rows = fetch(after, pageSize + 1);
  const value = rows.slice(0, pageSize);
  const body: { value: T[]; nextLink?: string } = { value };
  if (rows.length > pageSize) {
    const next = new URL(`${r.origin}${path}`);
    next.searchParams.set('api-version', r.query.get('api-version')!);
    next.searchParams.set('$skipToken', Buffer.from(value[value.length - 1]!.id.toLowerCase()).toString('base64url'));
    body.nextLink = next.toString();
  }
  return { status: 200, body };
}
