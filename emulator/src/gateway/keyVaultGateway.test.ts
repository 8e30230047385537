import { describe, expect, it } from 'vitest';
import { parseGatewayUrl } from './keyVaultGateway.ts';

const AZURE = ['vault.azure.net', 'managedhsm.azure.net'];

describe('parseGatewayUrl', () => {
  it('accepts a vault host under a Key Vault suffix, with path and query', () => {
    expect(parseGatewayUrl('/_kv/contoso-kv.vault.azure.net/keys?api-version=7.6', AZURE)).toEqual({
      host: 'contoso-kv.vault.azure.net', vault: 'contoso-kv', pathAndQuery: '/keys?api-version=7.6',
    });
    expect(parseGatewayUrl('/_kv/Contoso-CMK-kv.vault.localhost/keys/x/', ['vault.localhost'])?.host).toBe('contoso-cmk-kv.vault.localhost');
  });

  it.each([
    '/_kv/evil.example.com/keys',
    '/_kv/contoso.vault.azure.net.evil.com/keys',
    '/_kv/vault.azure.net/keys',
    '/_kv/a.vault.azure.net/keys',
    '/_kv/contoso--kv.vault.azure.net/keys',
    '/_kv/contoso.vault.azure.net:8443/keys',
    '/_kv/user@contoso.vault.azure.net/keys',
    '/_kv/contoso.vault.azure.net//evil.com/x',
    '/_kv/contoso.vault.azure.net',
    '/_kv//keys',
    '/_kv/127.0.0.1/keys',
    '/_kv/localhost/keys',
    '/other/contoso.vault.azure.net/keys',
  ])('refuses %s (never an open proxy)', (url) => {
    expect(parseGatewayUrl(url, AZURE)).toBeUndefined();
  });
});
