import { request as httpsRequest } from 'node:https';
import { BodyTooLargeError, readBody, sendJson, type Req, type Res } from '../http.ts';

/**
 * The Key Vault gateway. Key Vault sends no CORS headers, so the browser can't call it directly; the
 * portal's KeyClient sends each request to `/_kv/{vault host}/{path}` on its own origin instead, and
 * the gateway passes it on — to the emulator, or (Azure mode) to Key Vault itself, and only to hosts
 * under the cloud's Key Vault suffixes: never an open proxy.
 */
export const GATEWAY_PREFIX = '/_kv/';

export type GatewayTarget = { host: string; vault: string; pathAndQuery: string };

const VAULT_LABEL = /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/;

/** Parses `/_kv/{host}/{path}`; the host must be `{vault}.{suffix}` for one of the suffixes, with no port or user info. */
export function parseGatewayUrl(url: string, suffixes: readonly string[]): GatewayTarget | undefined {
  if (!url.startsWith(GATEWAY_PREFIX)) return undefined;
  const rest = url.slice(GATEWAY_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const host = rest.slice(0, slash).toLowerCase();
  const pathAndQuery = rest.slice(slash);
  const suffix = suffixes.find((s) => host.endsWith(`.${s}`));
  if (!suffix) return undefined;
  const vault = host.slice(0, -(suffix.length + 1));
  if (!VAULT_LABEL.test(vault) || vault.includes('--')) return undefined;
  if (!pathAndQuery.startsWith('/') || pathAndQuery.startsWith('//')) return undefined;
  return { host, vault, pathAndQuery };
}

/** Headers passed on to Key Vault, and back to the browser. Cookies and everything else stay behind. */
const FORWARD_REQUEST = ['authorization', 'content-type', 'accept', 'x-ms-client-request-id', 'x-ms-useragent', 'user-agent'];
const FORWARD_RESPONSE = ['content-type', 'www-authenticate', 'retry-after', 'x-ms-request-id', 'x-ms-keyvault-service-version', 'x-ms-keyvault-region', 'x-ms-client-request-id'];

function gatewayError(res: Res, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

export interface GatewayDeps {
  suffixes: readonly string[];
  /** Emulator mode: hand the request to the emulator's Key Vault in process. */
  local?: (req: Req, res: Res, target: GatewayTarget) => Promise<void>;
}

/** Returns false when the path is not the gateway's. `url` is the request's path and query. */
export async function handleGateway(req: Req, res: Res, url: string, deps: GatewayDeps): Promise<boolean> {
  if (!url.startsWith(GATEWAY_PREFIX)) return false;
  const target = parseGatewayUrl(url, deps.suffixes);
  if (!target) {
    gatewayError(res, 400, 'GatewayTargetNotAllowed', `The Key Vault gateway only forwards to vaults under ${deps.suffixes.join(', ')}.`);
    return true;
  }
  if (deps.local) {
    await deps.local(req, res, target);
    return true;
  }
  let body: Buffer;
  try {
    body = ['GET', 'HEAD', 'DELETE'].includes(req.method ?? 'GET') ? Buffer.alloc(0) : await readBody(req);
  } catch (e) {
    if (e instanceof BodyTooLargeError) return (gatewayError(res, 413, 'RequestEntityTooLarge', e.message), true);
    throw e;
  }
  const headers: Record<string, string> = {};
  for (const h of FORWARD_REQUEST) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  if (body.length) headers['content-length'] = String(body.length);
  await new Promise<void>((resolve) => {
    const upstream = httpsRequest({ host: target.host, port: 443, method: req.method, path: target.pathAndQuery, headers, timeout: 30_000 }, (up) => {
      const out: Record<string, string> = { 'cache-control': 'no-store' };
      for (const h of FORWARD_RESPONSE) {
        const v = up.headers[h];
        if (typeof v === 'string') out[h] = v;
      }
      (res as import('node:http').ServerResponse).writeHead(up.statusCode ?? 502, out);
      up.pipe(res as NodeJS.WritableStream);
      up.on('end', resolve);
      up.on('error', () => resolve());
    });
    upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
    upstream.on('error', (e) => {
      if (!res.headersSent) gatewayError(res, 502, 'KeyVaultUnreachable', `Key Vault at ${target.host} could not be reached: ${e.message}.`);
      else res.end();
      resolve();
    });
    upstream.end(body);
  });
  return true;
}
