/** The same deployment as scripts: an ARM template, Bicep, Azure CLI and Azure PowerShell. */
export interface AutomationInput {
  resourceGroup: string;
  name: string;
  location: string;
  kind: 'fhir-R4' | 'fhir-Stu3';
  authority: string;
  audience: string;
  offerThroughput: number;
  keyVaultKeyUri?: string;
  crossTenantCmkApplicationId?: string;
  tags: Record<string, string>;
}

export const API_VERSION = '2024-03-31';

function properties(i: AutomationInput) {
  return {
    authenticationConfiguration: { authority: i.authority, audience: i.audience, smartProxyEnabled: false },
    cosmosDbConfiguration: {
      offerThroughput: i.offerThroughput,
      ...(i.keyVaultKeyUri ? { keyVaultKeyUri: i.keyVaultKeyUri } : {}),
      ...(i.crossTenantCmkApplicationId ? { crossTenantCmkApplicationId: i.crossTenantCmkApplicationId } : {}),
    },
  };
}

export function armTemplate(i: AutomationInput): string {
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [{
      type: 'Microsoft.HealthcareApis/services', apiVersion: API_VERSION, name: i.name, location: i.location, kind: i.kind,
      ...(Object.keys(i.tags).length ? { tags: i.tags } : {}), properties: properties(i),
    }],
  }, null, 2);
}

const bicepString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${')}'`;
function bicepValue(v: unknown, indent: string): string {
  if (typeof v === 'string') return bicepString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const entries = Object.entries(v as Record<string, unknown>);
  const inner = entries.map(([k, x]) => `${indent}  ${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : bicepString(k)}: ${bicepValue(x, `${indent}  `)}`).join('\n');
  return `{\n${inner}\n${indent}}`;
}

export function bicep(i: AutomationInput): string {
  const body: Record<string, unknown> = { name: i.name, location: i.location, kind: i.kind, ...(Object.keys(i.tags).length ? { tags: i.tags } : {}), properties: properties(i) };
  return `resource fhir 'Microsoft.HealthcareApis/services@${API_VERSION}' = ${bicepValue(body, '')}\n`;
}

const sh = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
export function azureCli(i: AutomationInput): string {
  const cosmos = [`offer-throughput=${i.offerThroughput}`, ...(i.keyVaultKeyUri ? [`key-vault-key-uri=${i.keyVaultKeyUri}`] : []), ...(i.crossTenantCmkApplicationId ? [`cross-tenant-cmk-application-id=${i.crossTenantCmkApplicationId}`] : [])];
  const lines = [
    'az healthcareapis service create',
    `--resource-group ${sh(i.resourceGroup)}`,
    `--resource-name ${sh(i.name)}`,
    `--kind ${i.kind}`,
    `--location ${sh(i.location)}`,
    `--cosmos-db-configuration ${cosmos.map(sh).join(' ')}`,
    `--authentication-configuration ${[`authority=${i.authority}`, `audience=${i.audience}`, 'smart-proxy-enabled=false'].map(sh).join(' ')}`,
    ...(Object.keys(i.tags).length ? [`--tags ${Object.entries(i.tags).map(([k, v]) => sh(`${k}=${v}`)).join(' ')}`] : []),
  ];
  return `${lines.join(' \\\n  ')}\n`;
}

const ps = (s: string) => `'${s.replace(/'/g, "''")}'`;
export function powerShell(i: AutomationInput): string {
  const lines = [
    'New-AzHealthcareApisService',
    `-ResourceGroupName ${ps(i.resourceGroup)}`,
    `-Name ${ps(i.name)}`,
    `-Kind ${i.kind}`,
    `-Location ${ps(i.location)}`,
    `-CosmosOfferThroughput ${i.offerThroughput}`,
    ...(i.keyVaultKeyUri ? [`-CosmosKeyVaultKeyUri ${ps(i.keyVaultKeyUri)}`] : []),
    `-Authority ${ps(i.authority)}`,
    `-Audience ${ps(i.audience)}`,
    ...(Object.keys(i.tags).length ? [`-Tag @{ ${Object.entries(i.tags).map(([k, v]) => `${ps(k)} = ${ps(v)}`).join('; ')} }`] : []),
  ];
  return `${lines.join(' `\n  ')}\n`;
}
