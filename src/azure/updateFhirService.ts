import type { TokenCredential } from '@azure/core-auth';
import type { ServicesDescription } from '@azure/arm-healthcareapis';
import type { Environment } from '../config/environment';
import { healthcareClient } from './clients';

export interface DatabaseEdits {
  offerThroughput?: number;
  keyVaultKeyUri?: string;
}

/**
 * Saves the Database blade's edits the way Azure API for FHIR takes them: GET the account, change
 * only what was edited, PUT it back with If-Match on the etag the edit started from (412 when someone
 * else changed the account meanwhile), and follow the long-running operation.
 */
export async function updateFhirService(
  env: Environment,
  credential: TokenCredential,
  id: { subscriptionId: string; resourceGroup: string; name: string },
  edits: DatabaseEdits,
  baseEtag: string,
  signal?: AbortSignal,
): Promise<ServicesDescription> {
  const client = healthcareClient(env, credential, id.subscriptionId);
  const current = await client.services.get(id.resourceGroup, id.name, { abortSignal: signal });
  const cosmos = { ...current.properties?.cosmosDbConfiguration };
  if (edits.offerThroughput !== undefined) cosmos.offerThroughput = edits.offerThroughput;
  if (edits.keyVaultKeyUri !== undefined) cosmos.keyVaultKeyUri = edits.keyVaultKeyUri;
  const body: ServicesDescription = { ...current, properties: { ...current.properties, cosmosDbConfiguration: cosmos } };
  const poller = await client.services.beginCreateOrUpdate(id.resourceGroup, id.name, body, {
    abortSignal: signal,
    updateIntervalInMs: 1000,
    requestOptions: { customHeaders: { 'If-Match': baseEtag } },
  });
  return poller.pollUntilDone({ abortSignal: signal });
}
