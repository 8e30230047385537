import type { APIRequestContext } from '@playwright/test';
import { DEMO_SERVICE_PRINCIPAL, SUBSCRIPTIONS, TENANT_ID } from '../emulator/seed/inventory';

/** Resource Manager as a script sees it (the demo service principal): to set up and to check what the portal did. */
export class Arm {
  private token?: string;
  private vaultToken?: string;

  constructor(private readonly request: APIRequestContext) {}

  private async bearer(): Promise<string> {
    if (!this.token) {
      const res = await this.request.post(`/${TENANT_ID}/oauth2/v2.0/token`, {
        form: { grant_type: 'client_credentials', client_id: DEMO_SERVICE_PRINCIPAL.clientId, client_secret: DEMO_SERVICE_PRINCIPAL.clientSecret, scope: 'https://management.azure.com/.default' },
      });
      this.token = ((await res.json()) as { access_token: string }).access_token;
    }
    return this.token;
  }

  /** Key Vault as a script sees it, through the portal's same-origin gateway. */
  async keyVault<T>(method: 'GET' | 'POST' | 'PATCH', vault: string, path: string, data?: unknown): Promise<{ status: number; body: T }> {
    if (!this.vaultToken) {
      const res = await this.request.post(`/${TENANT_ID}/oauth2/v2.0/token`, {
        form: { grant_type: 'client_credentials', client_id: DEMO_SERVICE_PRINCIPAL.clientId, client_secret: DEMO_SERVICE_PRINCIPAL.clientSecret, scope: 'https://vault.localhost/.default' },
      });
      this.vaultToken = ((await res.json()) as { access_token: string }).access_token;
    }
    const sep = path.includes('?') ? '&' : '?';
    const res = await this.request.fetch(`/_kv/${vault}.vault.localhost${path}${sep}api-version=7.6`, {
      method, headers: { authorization: `Bearer ${this.vaultToken}` }, ...(data !== undefined ? { data } : {}),
    });
    return { status: res.status(), body: (await res.json().catch(() => ({}))) as T };
  }

  async get<T>(path: string): Promise<{ status: number; body: T }> {
    const res = await this.request.get(path, { headers: { authorization: `Bearer ${await this.bearer()}` } });
    return { status: res.status(), body: (await res.json().catch(() => ({}))) as T };
  }

  async send<T>(method: 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.request.fetch(path, { method, headers: { authorization: `Bearer ${await this.bearer()}` }, ...(data !== undefined ? { data } : {}) });
    return { status: res.status(), body: (await res.json().catch(() => ({}))) as T };
  }

  servicePath(name: string, resourceGroup = 'contoso-fhir-rg'): string {
    return `/subscriptions/${SUBSCRIPTIONS.contoso.id}/resourceGroups/${resourceGroup}/providers/Microsoft.HealthcareApis/services/${name}?api-version=2024-03-31`;
  }

  /** Creates an account and waits until it is provisioned. */
  async createAccount(name: string, o: { keyVaultKeyUri?: string; offerThroughput?: number } = {}): Promise<void> {
    const res = await this.send('PUT', this.servicePath(name), {
      location: 'westus2', kind: 'fhir-R4',
      properties: { cosmosDbConfiguration: { offerThroughput: o.offerThroughput ?? 400, ...(o.keyVaultKeyUri ? { keyVaultKeyUri: o.keyVaultKeyUri } : {}) } },
    });
    if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    for (let i = 0; i < 100; i++) {
      if ((await this.account(name)).body.properties.provisioningState === 'Succeeded') return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${name} was not provisioned`);
  }

  async account(name: string, resourceGroup = 'contoso-fhir-rg') {
    return this.get<{ properties: { provisioningState: string; cosmosDbConfiguration: { offerThroughput: number; keyVaultKeyUri?: string } }; tags: Record<string, string> }>(
      `/subscriptions/${SUBSCRIPTIONS.contoso.id}/resourceGroups/${resourceGroup}/providers/Microsoft.HealthcareApis/services/${name}?api-version=2024-03-31`,
    );
  }

  async keyVersions(vault: string, key: string, resourceGroup = 'contoso-fhir-rg'): Promise<string[]> {
    const r = await this.get<{ value: { name: string }[] }>(
      `/subscriptions/${SUBSCRIPTIONS.contoso.id}/resourceGroups/${resourceGroup}/providers/Microsoft.KeyVault/vaults/${vault}/keys/${key}/versions?api-version=2026-02-01`,
    );
    return r.body.value.map((v) => v.name);
  }

  async setFaults(faults: object): Promise<void> {
    const res = await this.request.put('/emulator/faults', { data: faults });
    if (res.status() !== 200) throw new Error(`faults: ${res.status()} ${await res.text()}`);
  }

  async clearFaults(): Promise<void> {
    await this.request.delete('/emulator/faults');
  }
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`;
