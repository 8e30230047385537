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
  /** The FHIR service host suffix: `https://{account}.{suffix}`. */
  fhirHostSuffix: string;
  /** The Azure Cosmos DB first-party principal; its object ID is tenant-specific (known in the emulator, configurable in Azure). */
  cosmosDbPrincipal: { appId: string; objectId?: string };
  /** Data-sovereign regions, where a customer-managed key needs a Microsoft-issued cross-tenant application ID. */
  dataSovereignRegions: string[];
}

/** The emulator's demo tenant and the portal's app registration there (see emulator/seed/inventory.ts). */
export const EMULATOR_TENANT_ID = '8d2c5b1e-6f4a-4b7e-9c3d-2a1f0e9b7c64';
export const EMULATOR_CLIENT_ID = '5e0c7f3a-9d21-4b8e-b6a4-1c3f8e2d7a90';
/** Azure Cosmos DB's application ID (Azure Government: 57506a73-e302-42a9-b869-6f12d9ec29e9), and its object ID in the emulator's tenant. */
export const COSMOS_DB_APP_ID = 'a232010e-820c-4083-83bb-3ace5fc29d0b';
export const COSMOS_DB_APP_ID_US_GOV = '57506a73-e302-42a9-b869-6f12d9ec29e9';
export const EMULATOR_COSMOS_DB_OBJECT_ID = 'e1c5a9d3-2f7b-4c86-a0e4-9b3d6f1c8a52';
const DATA_SOVEREIGN_REGIONS = ['brazilsouth', 'eastasia', 'southeastasia'];

const CLOUDS: Record<CloudName, { authorityHost: string; armEndpoint: string; keyVaultSuffixes: string[]; fhirHostSuffix: string }> = {
  AzurePublicCloud: {
    authorityHost: 'https://login.microsoftonline.com',
    armEndpoint: 'https://management.azure.com',
    keyVaultSuffixes: ['vault.azure.net', 'managedhsm.azure.net'],
    fhirHostSuffix: 'azurehealthcareapis.com',
  },
  AzureChinaCloud: {
    authorityHost: 'https://login.chinacloudapi.cn',
    armEndpoint: 'https://management.chinacloudapi.cn',
    keyVaultSuffixes: ['vault.azure.cn', 'managedhsm.azure.cn'],
    fhirHostSuffix: 'azurehealthcareapis.azure.cn',
  },
  AzureUSGovernment: {
    authorityHost: 'https://login.microsoftonline.us',
    armEndpoint: 'https://management.usgovcloudapi.net',
    keyVaultSuffixes: ['vault.usgovcloudapi.net', 'managedhsm.usgovcloudapi.net'],
    fhirHostSuffix: 'azurehealthcareapis.us',
  },
};

export class ConfigurationError extends Error {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EnvironmentVariables {
  VITE_PORTAL_MODE?: string;
  VITE_AZURE_CLIENT_ID?: string;
  VITE_AZURE_TENANT_ID?: string;
  VITE_AZURE_CLOUD?: string;
  VITE_COSMOS_DB_OBJECT_ID?: string;
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
      fhirHostSuffix: 'azurehealthcareapis.localhost',
      cosmosDbPrincipal: { appId: COSMOS_DB_APP_ID, objectId: EMULATOR_COSMOS_DB_OBJECT_ID },
      dataSovereignRegions: DATA_SOVEREIGN_REGIONS,
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
  const cosmosObjectId = vars.VITE_COSMOS_DB_OBJECT_ID?.trim();
  if (cosmosObjectId && !GUID.test(cosmosObjectId)) {
    throw new ConfigurationError("VITE_COSMOS_DB_OBJECT_ID must be the object ID (a GUID) of Azure Cosmos DB's service principal in your tenant.");
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
    fhirHostSuffix: cloud.fhirHostSuffix,
    cosmosDbPrincipal: {
      appId: cloudName === 'AzureUSGovernment' ? COSMOS_DB_APP_ID_US_GOV : COSMOS_DB_APP_ID,
      ...(cosmosObjectId ? { objectId: cosmosObjectId.toLowerCase() } : {}),
    },
    dataSovereignRegions: DATA_SOVEREIGN_REGIONS,
  };
}
