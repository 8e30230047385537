import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt, type VerifyOptions } from './jwt.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const NOW = 1_800_000_000;
const ISS = 'https://localhost:8443/tenant/v2.0';
const AUD = 'https://management.azure.com';

const options = (o: Partial<VerifyOptions> = {}): VerifyOptions => ({
  key: publicKey, kid: 'k1', issuers: new Set([ISS]), audiences: new Set([AUD]), now: NOW, ...o,
});
const token = (claims: Record<string, unknown> = {}, key = privateKey, kid = 'k1') =>
  signJwt({ iss: ISS, aud: AUD, nbf: NOW - 10, exp: NOW + 3600, oid: 'u1', ...claims }, key, kid);

describe('verifyJwt', () => {
  it('accepts a token signed with the key, for the issuer and audience, inside its lifetime', () => {
    const result = verifyJwt(token(), options());
    expect(result).toMatchObject({ ok: true, claims: { oid: 'u1', aud: AUD } });
  });

  it.each([
    ['another key signed it', () => token({}, other.privateKey), 'signature'],
    ['the key id is unknown', () => token({}, privateKey, 'k2'), 'signature'],
    ['the issuer is foreign', () => token({ iss: 'https://evil.example/tenant/v2.0' }), 'issuer'],
    ['the audience is another service', () => token({ aud: 'https://vault.localhost' }), 'audience'],
    ['it is not valid yet', () => token({ nbf: NOW + 60 }), 'not-yet-valid'],
    ['it has no expiry', () => token({ exp: undefined }), 'malformed'],
  ])('refuses a token when %s', (_, make, reason) => {
    expect(verifyJwt(make(), options())).toMatchObject({ ok: false, reason });
  });

  it('refuses an expired token and says when it expired', () => {
    const result = verifyJwt(token({ exp: NOW - 1 }), options());
    expect(result).toEqual({ ok: false, reason: 'expired', expiredAt: new Date((NOW - 1) * 1000) });
  });

  it('refuses a token whose payload was altered after signing', () => {
    const [h, , s] = token().split('.');
    const forged = Buffer.from(JSON.stringify({ iss: ISS, aud: AUD, exp: NOW + 3600, oid: 'admin' })).toString('base64url');
    expect(verifyJwt(`${h}.${forged}.${s}`, options())).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('refuses alg "none" and other algorithms', () => {
    const payload = Buffer.from(JSON.stringify({ iss: ISS, aud: AUD, exp: NOW + 3600 })).toString('base64url');
    const none = `${Buffer.from('{"alg":"none","kid":"k1"}').toString('base64url')}.${payload}.`;
    expect(verifyJwt(none, options())).toMatchObject({ ok: false, reason: 'signature' });
  });

  it.each(['', 'a', 'a.b', 'a.b.c.d', '!!!.???.***', 'e30.e30.', 'bnVsbA.bnVsbA.x'])('never throws on garbage: %j', (garbage) => {
    expect(verifyJwt(garbage, options()).ok).toBe(false);
  });
});
