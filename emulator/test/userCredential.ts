import { createHash, randomBytes } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { DEMO_USERS, PORTAL_CLIENT_ID, TENANT_ID } from '../seed/inventory.ts';
import { call, type RunningEmulator } from './harness.ts';

const form = (values: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(values).toString(),
});

/**
 * A demo user's credential, got the way the portal gets it: authorization code + PKCE through
 * "Pick an account", then the refresh token for each audience the SDK asks for.
 */
export async function userCredential(run: RunningEmulator, displayName: string): Promise<TokenCredential> {
  const user = DEMO_USERS.find((u) => u.displayName === displayName);
  if (!user) throw new Error(`No demo user '${displayName}'.`);
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${run.origin}/`;
  const picked = await call(run, 'POST', `/${TENANT_ID}/oauth2/v2.0/authorize`, form({
    client_id: PORTAL_CLIENT_ID, redirect_uri: redirectUri, response_type: 'code', scope: 'openid profile offline_access', state: 's',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', user: user.objectId,
  }));
  const code = new URLSearchParams(new URL(String(picked.headers.location)).hash.slice(1)).get('code');
  const first = await call(run, 'POST', `/${TENANT_ID}/oauth2/v2.0/token`, form({
    client_id: PORTAL_CLIENT_ID, grant_type: 'authorization_code', code: code ?? '', code_verifier: verifier, redirect_uri: redirectUri,
    scope: 'openid profile offline_access',
  }));
  const refreshToken = first.json<{ refresh_token: string }>().refresh_token;
  return {
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      const scope = [...(Array.isArray(scopes) ? scopes : [scopes]), 'offline_access'].join(' ');
      const res = await call(run, 'POST', `/${TENANT_ID}/oauth2/v2.0/token`, form({ client_id: PORTAL_CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken, scope }));
      if (res.status !== 200) throw new Error(`Token request failed: ${res.text}`);
      const t = res.json<{ access_token: string; expires_in: number }>();
      return { token: t.access_token, expiresOnTimestamp: Date.now() + t.expires_in * 1000 };
    },
  };
}

/** A credential that always presents the same token (to test how the services refuse bad ones). */
export const staticCredential = (token: string): TokenCredential => ({
  getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
});
