import { createHash, createSign, createVerify, type KeyObject } from 'node:crypto';

export interface JwtHeader {
  alg: string;
  typ?: string;
  kid?: string;
}

export type JwtClaims = Record<string, unknown> & {
  iss?: string;
  aud?: string;
  exp?: number;
  nbf?: number;
  iat?: number;
  tid?: string;
  oid?: string;
};

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signJwt(claims: JwtClaims, key: KeyObject, kid: string): string {
  const header: JwtHeader = { typ: 'JWT', alg: 'RS256', kid };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key);
  return `${input}.${b64url(signature)}`;
}

export type VerifyFailure =
  | { ok: false; reason: 'malformed' | 'signature' | 'issuer' | 'audience' | 'not-yet-valid' }
  | { ok: false; reason: 'expired'; expiredAt: Date };

export type VerifyResult = { ok: true; claims: JwtClaims } | VerifyFailure;

export interface VerifyOptions {
  key: KeyObject;
  kid: string;
  /** Accepted issuers (exact match). */
  issuers: ReadonlySet<string> | ((iss: string) => boolean);
  /** Accepted audiences (exact match). */
  audiences: ReadonlySet<string> | ((aud: string) => boolean);
  now?: number;
  /** Clock skew allowed on `nbf` and `exp`, in seconds. */
  skew?: number;
}

function parsePart<T>(part: string): T | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

const accepts = (rule: ReadonlySet<string> | ((v: string) => boolean), value: unknown) =>
  typeof value === 'string' && (typeof rule === 'function' ? rule(value) : rule.has(value));

/** Checks an RS256 JWT: structure, algorithm, key id, signature, issuer, audience and lifetime. */
export function verifyJwt(token: string, o: VerifyOptions): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return { ok: false, reason: 'malformed' };
  const [h, c, s] = parts as [string, string, string];
  const header = parsePart<JwtHeader>(h);
  const claims = parsePart<JwtClaims>(c);
  if (!header || !claims) return { ok: false, reason: 'malformed' };
  if (header.alg !== 'RS256' || header.kid !== o.kid) return { ok: false, reason: 'signature' };
  const valid = createVerify('RSA-SHA256').update(`${h}.${c}`).verify(o.key, Buffer.from(s, 'base64url'));
  if (!valid) return { ok: false, reason: 'signature' };
  if (!accepts(o.issuers, claims.iss)) return { ok: false, reason: 'issuer' };
  if (!accepts(o.audiences, claims.aud)) return { ok: false, reason: 'audience' };
  const now = o.now ?? Math.floor(Date.now() / 1000);
  const skew = o.skew ?? 0;
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'malformed' };
  if (claims.exp + skew <= now) return { ok: false, reason: 'expired', expiredAt: new Date(claims.exp * 1000) };
  if (typeof claims.nbf === 'number' && claims.nbf - skew > now) return { ok: false, reason: 'not-yet-valid' };
  return { ok: true, claims };
}

/** RFC 7638 thumbprint of an RSA public JWK, used as the `kid`. */
export function jwkThumbprint(jwk: { e?: string; kty?: string; n?: string }): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}
