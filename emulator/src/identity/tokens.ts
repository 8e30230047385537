import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { prepared, type Db } from '../store/database.ts';
import { TENANT_ID } from '../../seed/inventory.ts';
import { signJwt, verifyJwt, type JwtClaims, type VerifyResult } from './jwt.ts';
import type { SigningKey } from './signingKey.ts';
import type { Principal } from './directory.ts';

export const ACCESS_TOKEN_LIFETIME = 3600;
const REFRESH_TOKEN_LIFETIME = 24 * 3600;

const now = () => Math.floor(Date.now() / 1000);
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Mints and checks the authority's tokens. Issuers are `https://{host}/{tenant}/v2.0` for the emulator's own hosts. */
export class TokenService {
  constructor(
    private readonly db: Db,
    private readonly key: SigningKey,
    private readonly isOwnHost: (host: string) => boolean,
  ) {}

  issuer(host: string): string {
    return `https://${host}/${TENANT_ID}/v2.0`;
  }

  isIssuer = (iss: string): boolean => {
    const m = /^https:\/\/([^/]+)\/([^/]+)\/v2\.0$/.exec(iss);
    return !!m && m[2] === TENANT_ID && this.isOwnHost(m[1]!);
  };

  accessToken(p: { host: string; principal: Principal; clientId: string; audience: string; scopes: string[]; lifetime?: number }): string {
    const iat = now();
    const claims: JwtClaims = {
      aud: p.audience,
      iss: this.issuer(p.host),
      iat,
      nbf: iat,
      exp: iat + (p.lifetime ?? ACCESS_TOKEN_LIFETIME),
      tid: TENANT_ID,
      oid: p.principal.objectId,
      sub: p.principal.objectId,
      name: p.principal.displayName,
      azp: p.clientId,
      appid: p.clientId,
      idtyp: p.principal.kind === 'user' ? 'user' : 'app',
      ver: '2.0',
      uti: randomUUID(),
      ...(p.principal.kind === 'user'
        ? { preferred_username: p.principal.userPrincipalName, upn: p.principal.userPrincipalName, scp: 'user_impersonation' }
        : {}),
    };
    return signJwt(claims, this.key.privateKey, this.key.kid);
  }

  idToken(p: { host: string; principal: Principal; clientId: string; nonce?: string }): string {
    const iat = now();
    return signJwt(
      {
        aud: p.clientId,
        iss: this.issuer(p.host),
        iat,
        nbf: iat,
        exp: iat + ACCESS_TOKEN_LIFETIME,
        tid: TENANT_ID,
        oid: p.principal.objectId,
        sub: p.principal.objectId,
        name: p.principal.displayName,
        preferred_username: p.principal.userPrincipalName,
        ver: '2.0',
        ...(p.nonce ? { nonce: p.nonce } : {}),
      },
      this.key.privateKey,
      this.key.kid,
    );
  }

  verify(token: string, audiences: ReadonlySet<string> | ((aud: string) => boolean)): VerifyResult {
    return verifyJwt(token, {
      key: this.key.publicKey,
      kid: this.key.kid,
      issuers: this.isIssuer,
      audiences,
      skew: 0,
    });
  }

  newRefreshToken(principalId: string, clientId: string): string {
    const token = randomBytes(48).toString('base64url');
    const t = now();
    prepared(this.db, 'delete from refresh_tokens where expires < ?').run(t);
    prepared(this.db, 'insert into refresh_tokens (token_hash, principal_id, client_id, expires) values (?, ?, ?, ?)')
      .run(hash(token), principalId, clientId, t + REFRESH_TOKEN_LIFETIME);
    return token;
  }

  redeemRefreshToken(token: string, clientId: string): string | undefined {
    const row = prepared(this.db, 'select principal_id as principalId, client_id as clientId, expires from refresh_tokens where token_hash = ?')
      .get(hash(token)) as { principalId: string; clientId: string; expires: number } | undefined;
    if (!row || row.expires < now() || row.clientId !== clientId) return undefined;
    return row.principalId;
  }

  revokeRefreshTokens(principalId: string): void {
    prepared(this.db, 'delete from refresh_tokens where principal_id = ?').run(principalId);
  }
}
