/**
 * Where the portal runs: the embedded emulator (default) or an Azure cloud. Read once, from the
 * `VITE_*` variables, and validated: a bad value stops the app with a message that names it.
 */

export type CloudName = 'AzurePublicCloud' | 'AzureChinaCloud' | 'AzureUSGovernment';

export interface Environment {
  mode: 'emulator' | 'azure';
  /** Shown in the top bar. */
  label: string;
  clientId: string;
  tenantId: string;
  /** MSAL authority: `{authorityHost}/{tenantId}`. */
  authority: string;
  /** Hosts MSAL may treat as authorities without instance discovery (the emulator). */
  knownAuthorities: string[];
  /** Resource Manager endpoint and the scope its tokens are asked for. */
  armEndpoint: string;
  armScope: string;
  /** Key Vault DNS suffixes accepted in key URIs for this cloud. */
  keyVaultSuffixes: string[];
}

/** The emulator's demo tenant and the portal's app registration there (see emulator/seed/inventory.ts). */
export const EMULATOR_TENANT_ID = '8d2c5b1e-6f4a-4b7e-9c3d-2a1f0e9b7c64';
export const EMULATOR_CLIENT_ID = '5e0c7f3a-9d21-4b8e-b6a4-1c3f8e2d7a90';

const CLOUDS: Record<CloudName, { authorityHost: string; armEndpoint: string; keyVaultSuffixes: string[] }> = {
  AzurePublicCloud: {
    authorityHost: 'https://login.microsoftonline.com',
    armEndpoint: 'https://management.azure.com',
    keyVaultSuffixes: ['vault.azure.net', 'managedhsm.azure.net'],
  },
  AzureChinaCloud: {
    authorityHost: 'https://login.chinacloudapi.cn',
    armEndpoint: 'https://management.chinacloudapi.cn',
    keyVaultSuffixes: ['vault.azure.cn', 'managedhsm.azure.cn'],
  },
  AzureUSGovernment: {
    authorityHost: 'https://login.microsoftonline.us',
    armEndpoint: 'https://management.usgovcloudapi.net',
    keyVaultSuffixes: ['vault.usgovcloudapi.net', 'managedhsm.usgovcloudapi.net'],
  },
};

export class ConfigurationError extends Error {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EnvironmentVariables {
  VITE_PORTAL_MODE?: string;
  VITE_AZURE_CLIENT_ID?: string;
  VITE_AZURE_TENANT_ID?: string;
  VITE_AZURE_CLOUD?: string;
}

/** Builds the environment from the variables and the page's origin; throws ConfigurationError on bad input. */
export function resolveEnvironment(vars: EnvironmentVariables, origin: string): Environment {
  const mode = (vars.VITE_PORTAL_MODE ?? 'emulator').trim().toLowerCase();
  if (mode === 'emulator' || mode === '') {
    return {
      mode: 'emulator',
      label: 'Emulator',
      clientId: EMULATOR_CLIENT_ID,
      tenantId: EMULATOR_TENANT_ID,
      authority: `${origin}/${EMULATOR_TENANT_ID}`,
      knownAuthorities: [new URL(origin).host],
      armEndpoint: origin,
      // The emulator issues tokens with Resource Manager's real audience, as Azure does.
      armScope: 'https://management.azure.com/.default',
      keyVaultSuffixes: ['vault.localhost'],
    };
  }
  if (mode !== 'azure') {
    throw new ConfigurationError(`VITE_PORTAL_MODE must be 'emulator' or 'azure', not '${vars.VITE_PORTAL_MODE}'.`);
  }
  const clientId = vars.VITE_AZURE_CLIENT_ID?.trim() ?? '';
  const tenantId = vars.VITE_AZURE_TENANT_ID?.trim() ?? '';
  if (!GUID.test(clientId)) {
    throw new ConfigurationError('VITE_AZURE_CLIENT_ID must be the application (client) ID of your app registration, a GUID.');
  }
  if (!GUID.test(tenantId) && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(tenantId)) {
    throw new ConfigurationError('VITE_AZURE_TENANT_ID must be your directory (tenant) ID, a GUID, or its domain name.');
  }
  const cloudName = (vars.VITE_AZURE_CLOUD?.trim() || 'AzurePublicCloud') as CloudName;
  const cloud = CLOUDS[cloudName];
  if (!cloud) {
    throw new ConfigurationError(`VITE_AZURE_CLOUD must be one of ${Object.keys(CLOUDS).join(', ')}, not '${vars.VITE_AZURE_CLOUD}'.`);
  }
  return {
    mode: 'azure',
    label: cloudName === 'AzurePublicCloud' ? 'Azure' : cloudName,
    clientId,
    tenantId,
    authority: `${cloud.authorityHost}/${tenantId}`,
    knownAuthorities: [],
    armEndpoint: cloud.armEndpoint,
    armScope: `${cloud.armEndpoint}/.default`,
    keyVaultSuffixes: cloud.keyVaultSuffixes,
  };
}
