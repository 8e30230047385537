import type { TokenCredential } from '@azure/core-auth';
import type { Environment } from '../config/environment';
import { healthcareClient } from './clients';

export interface NameAvailability {
  available: boolean;
  reason?: string;
  message?: string;
}

/** Resource Manager's checkNameAvailability for Azure API for FHIR (names are global). */
export async function checkFhirServiceName(env: Environment, credential: TokenCredential, subscriptionId: string, name: string, signal?: AbortSignal): Promise<NameAvailability> {
  const r = await healthcareClient(env, credential, subscriptionId).services.checkNameAvailability(
    { name, type: 'Microsoft.HealthcareApis/services' },
    { abortSignal: signal },
  );
  return { available: r.nameAvailable === true, ...(r.reason ? { reason: r.reason } : {}), ...(r.message ? { message: r.message } : {}) };
}
