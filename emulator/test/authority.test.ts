import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, PORTAL_CLIENT_ID, TENANT_ID } from '../seed/inventory.ts';
import { call, startEmulator, type RunningEmulator } from './harness.ts';

let run: RunningEmulator;
beforeAll(async () => {
  run = await startEmulator();
});
afterAll(async () => {
  await run?.stop();
});

const AUTHORIZE = `/${TENANT_ID}/oauth2/v2.0/authorize`;
const TOKEN = `/${TENANT_ID}/oauth2/v2.0/token`;
const form = (values: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(values).toString(),
});

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Walks the authorize step as the browser does: the picker's form, posted for one user; returns the code. */
async function authorize(challenge: string, userIndex = 0, extra: Record<string, string> = {}) {
  const redirectUri = `${run.origin}/`;
  const params = {
    client_id: PORTAL_CLIENT_ID, redirect_uri: redirectUri, response_type: 'code', response_mode: 'fragment',
    scope: 'https://management.azure.com/.default openid profile offline_access', state: 'state-123', nonce: 'nonce-456',
    code_challenge: challenge, code_challenge_method: 'S256', ...extra,
  };
  const res = await call(run, 'POST', AUTHORIZE, form({ ...params, user: DEMO_USERS[userIndex]!.objectId }));
  expect(res.status).toBe(302);
  const location = new URL(String(res.headers.location));
  const fragment = new URLSearchParams(location.hash.slice(1));
  return { location, fragment, redirectUri };
}

describe('Entra ID authority (authorization code + PKCE)', () => {
  it('serves OpenID metadata whose issuer and endpoints share the authority host', async () => {
    const res = await call(run, 'GET', `/${TENANT_ID}/v2.0/.well-known/openid-configuration`);
    const meta = res.json<Record<string, string>>();
    expect(meta.issuer).toBe(`${run.origin}/${TENANT_ID}/v2.0`);
    for (const k of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'end_session_endpoint']) expect(meta[k]).toMatch(new RegExp(`^${run.origin}/`));
  });

  it('shows Pick an account with one button per demo user, and escapes what it echoes', async () => {
    const q = new URLSearchParams({
      client_id: PORTAL_CLIENT_ID, redirect_uri: `${run.origin}/`, response_type: 'code', state: '"><script>alert(1)</script>',
      code_challenge: 'x', code_challenge_method: 'S256',
    });
    const res = await call(run, 'GET', `${AUTHORIZE}?${q}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Pick an account</h1>');
    for (const u of DEMO_USERS) expect(res.text).toContain(`<span class="name">${u.displayName}</span>`);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('refuses a redirect URI outside its own origin (no open redirect of codes)', async () => {
    const q = new URLSearchParams({ client_id: PORTAL_CLIENT_ID, redirect_uri: 'https://evil.example/', response_type: 'code', code_challenge: 'x', code_challenge_method: 'S256' });
    const res = await call(run, 'GET', `${AUTHORIZE}?${q}`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('AADSTS50011');
    expect(res.headers.location).toBeUndefined();
  });

  it('returns code, state and client_info in the fragment, and redeems the code once with the right verifier', async () => {
    const { verifier, challenge } = pkce();
    const { fragment, redirectUri } = await authorize(challenge);
    expect(fragment.get('state')).toBe('state-123');
    expect(JSON.parse(Buffer.from(fragment.get('client_info')!, 'base64url').toString())).toEqual({ uid: DEMO_USERS[0]!.objectId, utid: TENANT_ID });

    const redeem = form({
      client_id: PORTAL_CLIENT_ID, grant_type: 'authorization_code', code: fragment.get('code')!, code_verifier: verifier,
      redirect_uri: redirectUri, scope: 'https://management.azure.com/.default openid profile offline_access',
    });
    const first = await call(run, 'POST', `${TOKEN}?client-request-id=abc`, redeem);
    expect(first.status).toBe(200);
    const tokens = first.json<Record<string, string>>();
    expect(tokens.refresh_token).toBeTruthy();
    const access = JSON.parse(Buffer.from(tokens.access_token!.split('.')[1]!, 'base64url').toString());
    expect(access).toMatchObject({ aud: 'https://management.azure.com', tid: TENANT_ID, oid: DEMO_USERS[0]!.objectId, name: 'Dana Operator' });
    expect(access.exp - access.iat).toBe(3600);
    const id = JSON.parse(Buffer.from(tokens.id_token!.split('.')[1]!, 'base64url').toString());
    expect(id).toMatchObject({ aud: PORTAL_CLIENT_ID, nonce: 'nonce-456' });

    const again = await call(run, 'POST', TOKEN, redeem);
    expect(again.status).toBe(400);
    expect(again.json<{ error: string; error_codes: number[] }>()).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });
  });

  it('refuses a code redeemed with the wrong PKCE verifier', async () => {
    const { challenge } = pkce();
    const { fragment, redirectUri } = await authorize(challenge);
    const res = await call(run, 'POST', TOKEN, form({
      client_id: PORTAL_CLIENT_ID, grant_type: 'authorization_code', code: fragment.get('code')!, code_verifier: pkce().verifier, redirect_uri: redirectUri,
    }));
    expect(res.status).toBe(400);
    expect(res.json<{ error_description: string }>().error_description).toContain('AADSTS501481');
  });

  it('gets a token for a second audience from the refresh token', async () => {
    const { verifier, challenge } = pkce();
    const { fragment, redirectUri } = await authorize(challenge, 1);
    const first = (await call(run, 'POST', TOKEN, form({
      client_id: PORTAL_CLIENT_ID, grant_type: 'authorization_code', code: fragment.get('code')!, code_verifier: verifier, redirect_uri: redirectUri,
      scope: 'https://management.azure.com/.default openid profile offline_access',
    }))).json<Record<string, string>>();
    const res = await call(run, 'POST', TOKEN, form({
      client_id: PORTAL_CLIENT_ID, grant_type: 'refresh_token', refresh_token: first.refresh_token!, scope: 'https://vault.localhost/.default openid profile offline_access',
    }));
    expect(res.status).toBe(200);
    const access = JSON.parse(Buffer.from(res.json<Record<string, string>>().access_token!.split('.')[1]!, 'base64url').toString());
    expect(access).toMatchObject({ aud: 'https://vault.localhost', name: 'Riley Reader' });
  });

  it('answers malformed client credentials and an oversized body in the OAuth error shape', async () => {
    const basic = await call(run, 'POST', TOKEN, { headers: { authorization: `Basic ${Buffer.from('%E0%A4%A:x').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect(basic.status).toBe(400);
    expect(basic.json<{ error: string }>().error).toBe('invalid_client');
    const huge = await call(run, 'POST', TOKEN, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `x=${'a'.repeat(1_100_000)}` });
    expect(huge.status).toBe(413);
  });

  it('refuses an unknown resource and a second resource in one request', async () => {
    const unknown = await call(run, 'POST', TOKEN, form({ client_id: PORTAL_CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'x', scope: 'https://graph.microsoft.com/.default' }));
    expect(unknown.json<{ error: string }>().error).toBe('invalid_resource');
    const two = await call(run, 'POST', TOKEN, form({ client_id: PORTAL_CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'x', scope: 'https://vault.localhost/.default https://management.azure.com/.default' }));
    expect(two.json<{ error: string }>().error).toBe('invalid_scope');
  });
});
