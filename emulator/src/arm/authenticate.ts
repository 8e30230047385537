import { armErrors } from '../errors/arm.ts';
import { bearerToken, type Req } from '../http.ts';
import { ARM_AUDIENCES, findPrincipal, type Principal } from '../identity/directory.ts';
import type { TokenService } from '../identity/tokens.ts';

const armAudience = (aud: string) => ARM_AUDIENCES.has(aud.replace(/\/+$/, ''));

/** Resource Manager's token check: signature, issuer, ARM audience and lifetime; ARM's 401 shapes otherwise. */
export function authenticateArm(req: Req, tokens: TokenService): Principal {
  const header = req.headers.authorization;
  if (header === undefined) throw armErrors.missingToken();
  const token = bearerToken(req);
  if (!token) throw armErrors.malformedToken();
  const result = tokens.verify(token, armAudience);
  if (!result.ok) {
    switch (result.reason) {
      case 'expired':
        throw armErrors.expiredToken(result.expiredAt, new Date());
      case 'audience':
        throw armErrors.wrongAudience();
      case 'signature':
        throw armErrors.invalidToken('The signature is invalid.');
      case 'issuer':
        throw armErrors.invalidToken('The issuer is not trusted.');
      case 'not-yet-valid':
        throw armErrors.invalidToken('The token is not yet valid.');
      default:
        throw armErrors.invalidToken('The token is malformed.');
    }
  }
  const principal = findPrincipal(String(result.claims.oid ?? ''));
  if (!principal) throw armErrors.invalidToken('The principal is unknown in this tenant.');
  return principal;
}
