import type { Db } from '../store/database.ts';
import type { Principal } from '../identity/directory.ts';
import { ArmError, armErrors } from '../errors/arm.ts';
import { getSubscription, rolesAt, type RoleName } from '../store/resources.ts';

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
