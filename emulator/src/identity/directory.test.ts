import { describe, expect, it } from 'vitest';
import { audienceOf, isKnownTenant } from './directory.ts';
import { TENANT_ID } from '../../seed/inventory.ts';

describe('audienceOf', () => {
  it.each([
    ['https://management.azure.com/.default', 'https://management.azure.com'],
    ['https://management.azure.com//.default', 'https://management.azure.com'],
    ['https://management.core.windows.net//.default', 'https://management.core.windows.net'],
    ['https://management.azure.com/user_impersonation', 'https://management.azure.com'],
    ['https://vault.localhost/.default', 'https://vault.localhost'],
    ['https://contoso-cmk.azurehealthcareapis.localhost/.default', 'https://contoso-cmk.azurehealthcareapis.localhost'],
  ])('%s → %s', (scope, audience) => {
    expect(audienceOf(scope)).toBe(audience);
  });

  it.each(['https://graph.microsoft.com/.default', 'http://management.azure.com/.default', 'openid', '', 'https://evil.example/.default'])(
    'names no audience for %j',
    (scope) => {
      expect(audienceOf(scope)).toBeUndefined();
    },
  );
});

describe('isKnownTenant', () => {
  it('answers to the tenant ID, its domain and the multi-tenant aliases', () => {
    for (const t of [TENANT_ID, TENANT_ID.toUpperCase(), 'contoso.emulated', 'organizations', 'common']) expect(isKnownTenant(t)).toBe(true);
  });
  it('refuses other tenants and path words', () => {
    for (const t of ['00000000-0000-0000-0000-000000000000', 'subscriptions', 'assets', '']) expect(isKnownTenant(t)).toBe(false);
  });
});
