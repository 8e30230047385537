import type { TokenCredential } from '@azure/core-auth';
import type { ServicesDescription } from '@azure/arm-healthcareapis';
import type { Environment } from '../config/environment';
import { toAzureError } from './armError';
import { healthcareClient } from './clients';

export interface NewFhirService {
  subscriptionId: string;
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

export function serviceDescription(s: NewFhirService): ServicesDescription {
  return {
    location: s.location,
    kind: s.kind,
    tags: s.tags,
    properties: {
      authenticationConfiguration: { authority: s.authority, audience: s.audience, smartProxyEnabled: false },
      cosmosDbConfiguration: {
        offerThroughput: s.offerThroughput,
        ...(s.keyVaultKeyUri ? { keyVaultKeyUri: s.keyVaultKeyUri } : {}),
        ...(s.crossTenantCmkApplicationId ? { crossTenantCmkApplicationId: s.crossTenantCmkApplicationId } : {}),
      },
    },
  };
}

/**
 * Creates the account (PUT with If-None-Match: *, so a retry never overwrites an account) and follows
 * the long-running operation. A retry that finds the account it started itself follows that one.
 */
export async function createFhirService(
  env: Environment,
  credential: TokenCredential,
  s: NewFhirService,
  o: { startedAt: number; onState?: (state: string) => void; signal?: AbortSignal },
): Promise<ServicesDescription> {
  const client = healthcareClient(env, credential, s.subscriptionId);
  try {
    const poller = await client.services.beginCreateOrUpdate(s.resourceGroup, s.name, serviceDescription(s), {
      abortSignal: o.signal,
      updateIntervalInMs: 1000,
      requestOptions: { customHeaders: { 'If-None-Match': '*' } },
    });
    o.onState?.('Creating');
    return await poller.pollUntilDone({ abortSignal: o.signal });
  } catch (error) {
    const e = toAzureError(error);
    if (e.status !== 412) throw error;
    // The account exists: ours from an earlier attempt (created since this deployment started), or someone else's.
    const existing = await client.services.get(s.resourceGroup, s.name);
    const createdAt = existing.systemData?.createdAt?.getTime() ?? 0;
    if (createdAt < o.startedAt - 5_000) {
      throw Object.assign(new Error(`An account named '${s.name}' already exists. Choose another name.`), {
        code: 'ServiceNameNotAvailable', statusCode: 409,
      });
    }
    let current = existing;
    while (['Creating', 'Accepted', 'Updating', 'Verifying'].includes(current.properties?.provisioningState ?? '')) {
      o.onState?.(current.properties?.provisioningState ?? 'Creating');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      current = await client.services.get(s.resourceGroup, s.name, { abortSignal: o.signal });
    }
    if (current.properties?.provisioningState === 'Failed') {
      throw Object.assign(new Error(`The deployment of '${s.name}' failed.`), { code: 'DeploymentFailed' });
    }
    return current;
  }
}
