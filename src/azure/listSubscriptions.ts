import type { TokenCredential } from '@azure/core-auth';
import type { Environment } from '../config/environment';
import { subscriptionClient } from './clients';

export interface SubscriptionSummary {
  id: string;
  name: string;
}

/** The subscriptions the signed-in user can see, by name. */
export async function listSubscriptions(env: Environment, credential: TokenCredential, signal?: AbortSignal): Promise<SubscriptionSummary[]> {
  const out: SubscriptionSummary[] = [];
  for await (const s of subscriptionClient(env, credential).subscriptions.list({ abortSignal: signal })) {
    if (s.subscriptionId) out.push({ id: s.subscriptionId, name: s.displayName ?? s.subscriptionId });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
