import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

/** Requests arrive over HTTP/1.1 (standalone server) or HTTP/2 (Vite's HTTPS server). */
export type Req = IncomingMessage | Http2ServerRequest;
export type Res = ServerResponse | Http2ServerResponse;

/** The most a request body may carry; larger bodies are refused before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  }
}

/** Host (with port) the client addressed: HTTP/2 carries it in `:authority`, HTTP/1.1 in `Host`. */
export function requestHost(req: Req): string {
  const authority = req.headers[':authority'];
  const host = typeof authority === 'string' && authority ? authority : req.headers.host;
  return (host ?? 'localhost').toLowerCase();
}

export function hostname(host: string): string {
  return host.replace(/:\d+$/, '');
}

/** After a refused body that was not read to its end, the HTTP/1.1 connection can't be reused: close it. */
export function closeAfterResponse(res: Res): void {
  if ('shouldKeepAlive' in res) (res as ServerResponse).shouldKeepAlive = false;
}

export async function readBody(req: Req): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function send(
  res: Res,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  (res as ServerResponse).writeHead(status, {
    'content-length': String(payload.length),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

export function sendJson(res: Res, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8', ...headers });
}

export function redirect(res: Res, location: string): void {
  send(res, 302, '', { location });
}

export function bearerToken(req: Req): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
