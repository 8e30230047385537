import { describe, expect, it } from 'vitest';
import { armTemplate, azureCli, bicep, powerShell, type AutomationInput } from './automation';

const input: AutomationInput = {
  resourceGroup: 'contoso-fhir-rg', name: 'my-fhir', location: 'westus2', kind: 'fhir-R4',
  authority: 'https://login.microsoftonline.com/t', audience: 'https://my-fhir.azurehealthcareapis.com', offerThroughput: 1000,
  keyVaultKeyUri: 'https://kv.vault.azure.net/keys/k', tags: { env: "o'brien" },
};

describe('automation scripts', () => {
  it('ARM template: the same resource the wizard PUTs', () => {
    const t = JSON.parse(armTemplate(input)) as { resources: Record<string, unknown>[] };
    expect(t.resources[0]).toMatchObject({
      type: 'Microsoft.HealthcareApis/services', apiVersion: '2024-03-31', name: 'my-fhir', location: 'westus2', kind: 'fhir-R4', tags: { env: "o'brien" },
      properties: { cosmosDbConfiguration: { offerThroughput: 1000, keyVaultKeyUri: 'https://kv.vault.azure.net/keys/k' } },
    });
  });
  it('Bicep escapes quotes', () => {
    const b = bicep(input);
    expect(b).toContain("resource fhir 'Microsoft.HealthcareApis/services@2024-03-31' = {");
    expect(b).toContain("keyVaultKeyUri: 'https://kv.vault.azure.net/keys/k'");
    expect(b).toContain("env: 'o\\'brien'");
  });
  it('Bicep does not interpolate ${…} in values', () => {
    expect(bicep({ ...input, tags: { note: '${danger}' } })).toContain("note: '\\${danger}'");
  });
  it('Azure CLI uses --cosmos-db-configuration key-vault-key-uri=… offer-throughput=…', () => {
    const c = azureCli(input);
    expect(c).toContain("--cosmos-db-configuration 'offer-throughput=1000' 'key-vault-key-uri=https://kv.vault.azure.net/keys/k'");
    expect(c).toContain("'env=o'\\''brien'");
  });
  it('PowerShell uses -CosmosKeyVaultKeyUri and -CosmosOfferThroughput', () => {
    const p = powerShell(input);
    expect(p).toContain("-CosmosKeyVaultKeyUri 'https://kv.vault.azure.net/keys/k'");
    expect(p).toContain('-CosmosOfferThroughput 1000');
    expect(p).toContain("'env' = 'o''brien'");
  });
  it('a service-managed key has no key URI anywhere', () => {
    const smk = { ...input, keyVaultKeyUri: undefined, tags: {} };
    for (const s of [armTemplate(smk), bicep(smk), azureCli(smk), powerShell(smk)]) expect(s).not.toContain('vault.azure.net');
  });
});
