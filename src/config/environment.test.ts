import { describe, expect, it } from 'vitest';
import { ConfigurationError, EMULATOR_CLIENT_ID, EMULATOR_TENANT_ID, resolveEnvironment } from './environment';
import { COSMOS_DB_PRINCIPAL, PORTAL_CLIENT_ID, TENANT_ID } from '../../emulator/seed/inventory';

const ORIGIN = 'https://localhost:5173';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const TENANT = '66666666-7777-8888-9999-000000000000';

describe('resolveEnvironment', () => {
  it('defaults to the emulator on the page origin', () => {
    const env = resolveEnvironment({}, ORIGIN);
    expect(env).toMatchObject({
      mode: 'emulator',
      authority: `${ORIGIN}/${EMULATOR_TENANT_ID}`,
      knownAuthorities: ['localhost:5173'],
      armEndpoint: ORIGIN,
      armScope: 'https://management.azure.com/.default',
      keyVaultSuffixes: ['vault.localhost'],
    });
  });

  it("uses the emulator's demo tenant and portal app registration", () => {
    expect(EMULATOR_TENANT_ID).toBe(TENANT_ID);
    expect(EMULATOR_CLIENT_ID).toBe(PORTAL_CLIENT_ID);
    expect(resolveEnvironment({}, ORIGIN).cosmosDbPrincipal).toEqual({ appId: COSMOS_DB_PRINCIPAL.appId, objectId: COSMOS_DB_PRINCIPAL.objectId });
  });

  it('selects Azure public cloud with a client and tenant ID', () => {
    const env = resolveEnvironment({ VITE_PORTAL_MODE: 'azure', VITE_AZURE_CLIENT_ID: CLIENT, VITE_AZURE_TENANT_ID: TENANT }, ORIGIN);
    expect(env).toMatchObject({
      mode: 'azure',
      clientId: CLIENT,
      authority: `https://login.microsoftonline.com/${TENANT}`,
      armEndpoint: 'https://management.azure.com',
      armScope: 'https://management.azure.com/.default',
      keyVaultSuffixes: ['vault.azure.net', 'managedhsm.azure.net'],
    });
  });

  it.each([
    ['AzureChinaCloud', 'https://login.chinacloudapi.cn', 'https://management.chinacloudapi.cn', 'vault.azure.cn'],
    ['AzureUSGovernment', 'https://login.microsoftonline.us', 'https://management.usgovcloudapi.net', 'vault.usgovcloudapi.net'],
  ])('selects the sovereign cloud %s', (cloud, authorityHost, arm, vault) => {
    const env = resolveEnvironment({ VITE_PORTAL_MODE: 'azure', VITE_AZURE_CLIENT_ID: CLIENT, VITE_AZURE_TENANT_ID: TENANT, VITE_AZURE_CLOUD: cloud }, ORIGIN);
    expect(env.authority).toBe(`${authorityHost}/${TENANT}`);
    expect(env.armEndpoint).toBe(arm);
    expect(env.keyVaultSuffixes).toContain(vault);
  });

  it.each([
    [{ VITE_PORTAL_MODE: 'production' }, /VITE_PORTAL_MODE must be 'emulator' or 'azure'/],
    [{ VITE_PORTAL_MODE: 'azure', VITE_AZURE_TENANT_ID: TENANT }, /VITE_AZURE_CLIENT_ID must be/],
    [{ VITE_PORTAL_MODE: 'azure', VITE_AZURE_CLIENT_ID: 'my-app', VITE_AZURE_TENANT_ID: TENANT }, /VITE_AZURE_CLIENT_ID must be/],
    [{ VITE_PORTAL_MODE: 'azure', VITE_AZURE_CLIENT_ID: CLIENT }, /VITE_AZURE_TENANT_ID must be/],
    [{ VITE_PORTAL_MODE: 'azure', VITE_AZURE_CLIENT_ID: CLIENT, VITE_AZURE_TENANT_ID: TENANT, VITE_AZURE_CLOUD: 'Mars' }, /VITE_AZURE_CLOUD must be one of/],
  ])('refuses %j with a message naming the variable', (vars, message) => {
    expect(() => resolveEnvironment(vars, ORIGIN)).toThrow(ConfigurationError);
    expect(() => resolveEnvironment(vars, ORIGIN)).toThrow(message);
  });
});
