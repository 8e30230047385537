import type { TokenCredential } from '@azure/core-auth';
import { KeyClient } from '@azure/keyvault-keys';
import type { Environment } from '../config/environment';
import { gatewayHttpClient } from './keyVaultGateway';

const clients = new Map<string, KeyClient>();

/** A KeyClient for the vault's real URL, sending through the same-origin gateway. */
export function keyClient(env: Environment, credential: TokenCredential, vaultUri: string): KeyClient {
  const key = vaultUri.replace(/\/+$/, '').toLowerCase();
  let client = clients.get(key);
  if (!client) {
    client = new KeyClient(key, credential, { httpClient: gatewayHttpClient(env), retryOptions: { maxRetries: 2 } });
    clients.set(key, client);
  }
  return client;
}
