import { timingSafeEqual, createHash } from 'node:crypto';
import {
  DEMO_SERVICE_PRINCIPAL, DEMO_USERS, PORTAL_CLIENT_ID, TENANT_DOMAIN, TENANT_ID, COSMOS_DB_PRINCIPAL,
} from '../../seed/inventory.ts';

/** Who a token speaks for. */
export interface Principal {
  objectId: string;
  displayName: string;
  kind: 'user' | 'servicePrincipal';
  userPrincipalName?: string;
  appId?: string;
}

export const users: readonly Principal[] = DEMO_USERS.map((u) => ({
  objectId: u.objectId, displayName: u.displayName, kind: 'user', userPrincipalName: u.userPrincipalName,
}));

export const servicePrincipals: readonly Principal[] = [
  { objectId: DEMO_SERVICE_PRINCIPAL.objectId, displayName: DEMO_SERVICE_PRINCIPAL.displayName, kind: 'servicePrincipal', appId: DEMO_SERVICE_PRINCIPAL.clientId },
  { objectId: COSMOS_DB_PRINCIPAL.objectId, displayName: COSMOS_DB_PRINCIPAL.displayName, kind: 'servicePrincipal', appId: COSMOS_DB_PRINCIPAL.appId },
];

export const findUser = (objectId: string) => users.find((u) => u.objectId === objectId);
export const findPrincipal = (objectId: string) => findUser(objectId) ?? servicePrincipals.find((p) => p.objectId === objectId);

/** Tenant path segments the authority answers to: the tenant ID, its domain, and the multi-tenant aliases. */
export function isKnownTenant(segment: string): boolean {
  const s = segment.toLowerCase();
  return s === TENANT_ID || s === TENANT_DOMAIN || s === 'organizations' || s === 'common';
}

export interface ClientApp {
  clientId: string;
  displayName: string;
  /** Public clients (the SPA) use PKCE; confidential clients authenticate with a secret. */
  secretHash?: Buffer;
  servicePrincipal?: Principal;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

const clients: readonly ClientApp[] = [
  { clientId: PORTAL_CLIENT_ID, displayName: 'FHIR CMK Portal' },
  {
    clientId: DEMO_SERVICE_PRINCIPAL.clientId,
    displayName: DEMO_SERVICE_PRINCIPAL.displayName,
    secretHash: sha256(DEMO_SERVICE_PRINCIPAL.clientSecret),
    servicePrincipal: servicePrincipals[0],
  },
];

export const findClient = (clientId: string) => clients.find((c) => c.clientId === clientId.toLowerCase());

export function secretMatches(client: ClientApp, secret: string): boolean {
  return client.secretHash !== undefined && timingSafeEqual(client.secretHash, sha256(secret));
}

/** Audiences (resources) the authority issues tokens for, from a scope such as `https://management.azure.com/.default`. */
export function audienceOf(scope: string): string | undefined {
  const resource = scope.replace(/\/(\.default|user_impersonation)$/i, '').replace(/\/+$/, '').toLowerCase();
  return KNOWN_AUDIENCES.some((rule) => rule.test(resource)) ? resource : undefined;
}

export const ARM_AUDIENCES = new Set(['https://management.azure.com', 'https://management.core.windows.net']);
export const KEY_VAULT_AUDIENCE = 'https://vault.localhost';

const KNOWN_AUDIENCES: readonly RegExp[] = [
  /^https:\/\/management\.azure\.com$/,
  /^https:\/\/management\.core\.windows\.net$/,
  /^https:\/\/vault\.localhost$/,
  /^https:\/\/[a-z0-9][a-z0-9-]{1,22}[a-z0-9]\.azurehealthcareapis\.localhost$/,
];

/** Scopes that only shape the sign-in (ID token, refresh token) and name no resource. */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
