import type { TokenCredential } from '@azure/core-auth';
import { HealthcareApisManagementClient } from '@azure/arm-healthcareapis';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ResourceManagementClient } from '@azure/arm-resources';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import type { Environment } from '../config/environment';

// Resource Manager clients for the environment: its endpoint, and tokens asked for with ARM's real
// audience (the generated clients would otherwise ask for `${endpoint}/.default`).

const armOptions = (env: Environment) => ({ endpoint: env.armEndpoint, credentialScopes: [env.armScope] });

export function subscriptionClient(env: Environment, credential: TokenCredential): SubscriptionClient {
  return new SubscriptionClient(credential, armOptions(env));
}

export function healthcareClient(env: Environment, credential: TokenCredential, subscriptionId: string): HealthcareApisManagementClient {
  return new HealthcareApisManagementClient(credential, subscriptionId, armOptions(env));
}

export function resourcesClient(env: Environment, credential: TokenCredential, subscriptionId: string): ResourceManagementClient {
  return new ResourceManagementClient(credential, subscriptionId, armOptions(env));
}

export function authorizationClient(env: Environment, credential: TokenCredential, subscriptionId: string): AuthorizationManagementClient {
  return new AuthorizationManagementClient(credential, subscriptionId, armOptions(env));
}

export function keyVaultManagementClient(env: Environment, credential: TokenCredential, subscriptionId: string): KeyVaultManagementClient {
  return new KeyVaultManagementClient(credential, subscriptionId, { endpoint: env.armEndpoint, credentials: { scopes: [env.armScope] } });
}
