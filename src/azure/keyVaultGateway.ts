import { createDefaultHttpClient, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import type { Environment } from '../config/environment';

/** The same-origin path of the Key Vault gateway (see emulator/src/gateway). */
export const GATEWAY_PREFIX = '/_kv/';

const errorBodies = new WeakMap<PipelineRequest, string>();

/**
 * The text of an error response the SDK did not keep (its pager reports only the status): Key Vault's
 * own words, such as `The operation "List" is not enabled in this key vault's access policy.`
 */
export function keyVaultErrorMessage(error: unknown): { code?: string; message?: string } | undefined {
  const request = (error as { request?: PipelineRequest }).request;
  const body = request && errorBodies.get(request);
  if (!body) return undefined;
  try {
    return (JSON.parse(body) as { error?: { code?: string; message?: string } }).error;
  } catch {
    return undefined;
  }
}

const isVaultHost = (host: string, suffixes: readonly string[]) => suffixes.some((s) => host.endsWith(`.${s}`));

/**
 * An HTTP client for KeyClient: it sends each request to the gateway on the portal's origin and puts
 * the vault's URL back afterwards, so the SDK's challenge check and identifiers see the real vault.
 */
export function gatewayHttpClient(env: Environment, origin = window.location.origin): HttpClient {
  const inner = createDefaultHttpClient();
  return {
    async sendRequest(request) {
      const original = request.url;
      const url = new URL(original);
      if (url.protocol !== 'https:' || url.port || !isVaultHost(url.hostname, env.keyVaultSuffixes)) {
        throw new Error(`The portal only sends Key Vault requests to vaults under ${env.keyVaultSuffixes.join(', ')}; '${url.host}' is not one.`);
      }
      request.url = `${origin}${GATEWAY_PREFIX}${url.hostname}${url.pathname}${url.search}`;
      try {
        const response = await inner.sendRequest(request);
        if (response.status >= 400 && response.bodyAsText) errorBodies.set(request, response.bodyAsText);
        return response;
      } finally {
        request.url = original;
      }
    },
  };
}
