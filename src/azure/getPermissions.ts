import type { TokenCredential } from '@azure/core-auth';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import type { Environment } from '../config/environment';
import { actionAllowed, type PermissionSet } from '../lib/permissions';
import { authorizationClient } from './clients';

/**
 * Whether the signed-in user may perform `action` at a resource group, or (no group) the subscription,
 * from Microsoft.Authorization/permissions — what the Azure portal asks before offering a write.
 */
export async function canPerform(
  env: Environment, credential: TokenCredential, action: string,
  scope: { subscriptionId: string; resourceGroup?: string },
  signal?: AbortSignal,
): Promise<boolean> {
  const client = authorizationClient(env, credential, scope.subscriptionId);
  const sets: PermissionSet[] = [];
  if (scope.resourceGroup) {
    for await (const p of client.permissions.listForResourceGroup(scope.resourceGroup, { abortSignal: signal })) sets.push(p);
  } else {
    // The SDK has no subscription-scope call: the same API, sent through the client's own pipeline.
    const url = `${env.armEndpoint}/subscriptions/${encodeURIComponent(scope.subscriptionId)}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`;
    const res = await client.sendRequest(createPipelineRequest({ url, method: 'GET', abortSignal: signal }));
    if (res.status !== 200) throw Object.assign(new Error(`HTTP ${res.status}`), { statusCode: res.status, response: { bodyAsText: res.bodyAsText, status: res.status } });
    sets.push(...((JSON.parse(res.bodyAsText ?? '{}') as { value?: PermissionSet[] }).value ?? []));
  }
  return actionAllowed(sets, action);
}
