import type { TokenCredential } from '@azure/core-auth';
import type { ServicesDescription } from '@azure/arm-healthcareapis';
import type { Environment } from '../config/environment';
import { healthcareClient } from './clients';

export async function getFhirService(
  env: Environment, credential: TokenCredential, id: { subscriptionId: string; resourceGroup: string; name: string }, signal?: AbortSignal,
): Promise<ServicesDescription> {
  return healthcareClient(env, credential, id.subscriptionId).services.get(id.resourceGroup, id.name, { abortSignal: signal });
}
