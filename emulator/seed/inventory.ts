/**
 * The demo tenant's fixed inventory. It is a public contract: the README, the demos and the tests
 * name these users, subscriptions, vaults, keys and accounts. Extend it; do not rename it.
 */

export const TENANT_ID = '8d2c5b1e-6f4a-4b7e-9c3d-2a1f0e9b7c64';
export const TENANT_NAME = 'Contoso (emulated)';
export const TENANT_DOMAIN = 'contoso.emulated';

/** The portal's app registration (a public client: auth code + PKCE, no secret). */
export const PORTAL_CLIENT_ID = '5e0c7f3a-9d21-4b8e-b6a4-1c3f8e2d7a90';

/** A confidential client for SDK and CLI users (client-credentials grant). */
export const DEMO_SERVICE_PRINCIPAL = {
  clientId: 'd4b8e2f1-7a3c-4e59-9b06-8c1f5a2e3d47',
  objectId: '0a7e3c91-6d2b-4f84-b1e5-93c8d2a6f015',
  displayName: 'fhir-cmk-demo-automation',
  clientSecret: 'emulator-demo-secret-not-for-production',
} as const;

/** The Azure Cosmos DB first-party application that wraps and unwraps the customer's key. */
export const COSMOS_DB_PRINCIPAL = {
  appId: 'a232010e-820c-4083-83bb-3ace5fc29d0b',
  objectId: 'e1c5a9d3-2f7b-4c86-a0e4-9b3d6f1c8a52',
  displayName: 'Azure Cosmos DB',
} as const;

export interface DemoUser {
  objectId: string;
  displayName: string;
  userPrincipalName: string;
  role: 'Owner' | 'Reader';
  description: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    objectId: '3f6a9c2e-1b4d-4e8f-a7c5-0d9e2b6f1a38',
    displayName: 'Dana Operator',
    userPrincipalName: `dana@${TENANT_DOMAIN}`,
    role: 'Owner',
    description: 'Owner of every demo subscription; full key access in every demo vault',
  },
  {
    objectId: 'b7e1d4a9-5c2f-4a63-8e0b-6f9d3c1a7e25',
    displayName: 'Riley Reader',
    userPrincipalName: `riley@${TENANT_DOMAIN}`,
    role: 'Reader',
    description: 'Reader of every demo subscription; no Key Vault data access',
  },
];

export const SUBSCRIPTIONS = {
  contoso: { id: '7c4e2a9f-3b1d-4f6e-8a5c-2d9b0e7f1a34', displayName: 'Contoso Health (emulated)' },
  fabrikam: { id: '2b9d6f1e-8c3a-4e7b-a5d2-6f0c9e3b1d87', displayName: 'Fabrikam Research (emulated)' },
} as const;

export const RESOURCE_GROUPS = [
  { subscriptionId: SUBSCRIPTIONS.contoso.id, name: 'contoso-fhir-rg', location: 'westus2' },
  { subscriptionId: SUBSCRIPTIONS.fabrikam.id, name: 'fabrikam-rg', location: 'eastus' },
] as const;

/** Key Vault hosts in the emulator: `{vault}.vault.localhost`. */
export const VAULT_DNS_SUFFIX = 'vault.localhost';
export const vaultUri = (vault: string) => `https://${vault}.${VAULT_DNS_SUFFIX}/`;

export interface SeedAccount {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  offerThroughput: number;
  keyVaultKeyUri?: string;
}

export const ACCOUNTS: readonly SeedAccount[] = [
  { subscriptionId: SUBSCRIPTIONS.contoso.id, resourceGroup: 'contoso-fhir-rg', name: 'contoso-smk', location: 'westus2', offerThroughput: 400 },
  {
    subscriptionId: SUBSCRIPTIONS.contoso.id, resourceGroup: 'contoso-fhir-rg', name: 'contoso-cmk', location: 'westus2', offerThroughput: 1000,
    keyVaultKeyUri: `https://contoso-cmk-kv.${VAULT_DNS_SUFFIX}/keys/fhir-cmk`,
  },
];

export type SeedKeySpec =
  | { name: string; kty: 'RSA'; size: 2048 | 3072 | 4096; versions?: number; enabled?: boolean; expiresInDays?: number }
  | { name: string; kty: 'EC'; crv: 'P-256' | 'P-384'; versions?: number; enabled?: boolean; expiresInDays?: number };

export interface SeedVault {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  softDelete: boolean;
  purgeProtection: boolean;
  /** Whether the Azure Cosmos DB principal has Get, Wrap Key and Unwrap Key (or, in RBAC mode, its role). */
  cosmosAccess: boolean;
  /** Permission model: access policies (default) or Azure RBAC. */
  rbac?: boolean;
  keys: readonly SeedKeySpec[];
}

export const VAULTS: readonly SeedVault[] = [
  {
    subscriptionId: SUBSCRIPTIONS.contoso.id, resourceGroup: 'contoso-fhir-rg', name: 'contoso-cmk-kv', location: 'westus2',
    softDelete: true, purgeProtection: true, cosmosAccess: true,
    keys: [
      { name: 'fhir-cmk', kty: 'RSA', size: 3072, versions: 3 },
      { name: 'old-rsa', kty: 'RSA', size: 2048, enabled: false },
      { name: 'expired-rsa', kty: 'RSA', size: 2048, expiresInDays: -30 },
      { name: 'ec-key', kty: 'EC', crv: 'P-256' },
    ],
  },
  {
    subscriptionId: SUBSCRIPTIONS.contoso.id, resourceGroup: 'contoso-fhir-rg', name: 'contoso-nopurge-kv', location: 'westus2',
    softDelete: true, purgeProtection: false, cosmosAccess: true,
    keys: [{ name: 'rsa-a', kty: 'RSA', size: 3072 }],
  },
  {
    subscriptionId: SUBSCRIPTIONS.contoso.id, resourceGroup: 'contoso-fhir-rg', name: 'contoso-noaccess-kv', location: 'westus2',
    softDelete: true, purgeProtection: true, cosmosAccess: false,
    keys: [{ name: 'rsa-b', kty: 'RSA', size: 3072 }],
  },
  {
    // A vault made before soft delete became mandatory: soft delete (and so purge protection) off.
    subscriptionId: SUBSCRIPTIONS.contoso.id, resourceGroup: 'contoso-fhir-rg', name: 'contoso-legacy-kv', location: 'westus2',
    softDelete: false, purgeProtection: false, cosmosAccess: true,
    keys: [{ name: 'rsa-legacy', kty: 'RSA', size: 3072 }],
  },
  {
    // Azure RBAC permission model: Azure Cosmos DB holds 'Key Vault Crypto Service Encryption User'.
    subscriptionId: SUBSCRIPTIONS.contoso.id, resourceGroup: 'contoso-fhir-rg', name: 'contoso-rbac-kv', location: 'westus2',
    softDelete: true, purgeProtection: true, cosmosAccess: true, rbac: true,
    keys: [{ name: 'rsa-rbac', kty: 'RSA', size: 3072 }],
  },
  {
    subscriptionId: SUBSCRIPTIONS.fabrikam.id, resourceGroup: 'fabrikam-rg', name: 'fabrikam-kv', location: 'eastus',
    softDelete: true, purgeProtection: true, cosmosAccess: true,
    keys: [{ name: 'research-cmk', kty: 'RSA', size: 4096 }],
  },
];
