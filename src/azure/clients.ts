import type { TokenCredential } from '@azure/core-auth';
import { HealthcareApisManagementClient } from '@azure/arm-healthcareapis';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { Environment } from '../config/environment';

// Resource Manager clients for the environment: its endpoint, and tokens asked for with ARM's real
// audience (the generated clients would otherwise ask for `${endpoint}/.default`).

export function subscriptionClient(env: Environment, credential: TokenCredential): SubscriptionClient {
  return new SubscriptionClient(credential, { endpoint: env.armEndpoint, credentialScopes: [env.armScope] });
}

export function healthcareClient(env: Environment, credential: TokenCredential, subscriptionId: string): HealthcareApisManagementClient {
  return new HealthcareApisManagementClient(credential, subscriptionId, { endpoint: env.armEndpoint, credentialScopes: [env.armScope] });
}
