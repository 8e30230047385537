import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { signJwt, type JwtClaims } from '../emulator/src/identity/jwt';
import { loadSigningKey } from '../emulator/src/identity/signingKey';
import { SQLITE_FILE } from '../emulator/src/app';
import { DEMO_USERS, TENANT_ID } from '../emulator/seed/inventory';
import { E2E_DATA_DIR, E2E_PORT } from './env';

const LIST_SUBSCRIPTIONS = '/subscriptions?api-version=2022-12-01';

/** The emulator's own signing key, read from its store: lets the test mint tokens that differ in one claim only. */
function emulatorKey() {
  const db = new Database(join(E2E_DATA_DIR, SQLITE_FILE), { readonly: true });
  try {
    return loadSigningKey(db);
  } finally {
    db.close();
  }
}

function claims(overrides: Partial<JwtClaims> = {}): JwtClaims {
  const now = Math.floor(Date.now() / 1000);
  const dana = DEMO_USERS[0]!;
  return {
    aud: 'https://management.azure.com', iss: `https://localhost:${E2E_PORT}/${TENANT_ID}/v2.0`, iat: now - 60, nbf: now - 60, exp: now + 600,
    tid: TENANT_ID, oid: dana.objectId, name: dana.displayName, ...overrides,
  };
}

test.describe('Resource Manager checks every bearer token', () => {
  test('a well-formed token signed by the emulator is accepted (the control case)', async ({ request }) => {
    const key = emulatorKey();
    const res = await request.get(LIST_SUBSCRIPTIONS, { headers: { authorization: `Bearer ${signJwt(claims(), key.privateKey, key.kid)}` } });
    expect(res.status()).toBe(200);
    const names = ((await res.json()) as { value: { displayName: string }[] }).value.map((s) => s.displayName);
    expect(names).toEqual(['Contoso Health (emulated)', 'Fabrikam Research (emulated)']);
  });

  test('no token → 401 AuthenticationFailed', async ({ request }) => {
    const res = await request.get(LIST_SUBSCRIPTIONS);
    expect(res.status()).toBe(401);
    expect(res.headers()['www-authenticate']).toContain('Bearer');
    expect(await res.json()).toEqual({
      error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." },
    });
  });

  test('a forged signature → 401 InvalidAuthenticationToken', async ({ request }) => {
    const real = emulatorKey();
    const forger = createPrivateKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    // Same claims and the real key id, signed with another key.
    const res = await request.get(LIST_SUBSCRIPTIONS, { headers: { authorization: `Bearer ${signJwt(claims(), forger, real.kid)}` } });
    expect(res.status()).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.message).toContain('signature');
  });

  test('an expired token → 401 ExpiredAuthenticationToken', async ({ request }) => {
    const key = emulatorKey();
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(claims({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 }), key.privateKey, key.kid);
    const res = await request.get(LIST_SUBSCRIPTIONS, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('ExpiredAuthenticationToken');
    expect(body.error.message).toMatch(/is earlier than current UTC time/);
  });

  test('a token for another audience (Key Vault) → 401 InvalidAuthenticationTokenAudience', async ({ request }) => {
    const key = emulatorKey();
    const token = signJwt(claims({ aud: 'https://vault.localhost' }), key.privateKey, key.kid);
    const res = await request.get(LIST_SUBSCRIPTIONS, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationTokenAudience');
  });
});
