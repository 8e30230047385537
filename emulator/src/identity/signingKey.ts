import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, type JsonWebKey } from 'node:crypto';
import { getMeta, setMeta, type Db } from '../store/database.ts';
import { jwkThumbprint } from './jwt.ts';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
  publicJwk: JsonWebKey & { kid: string; use: string; alg: string };
}

const META_KEY = 'token-signing-key';

/** The authority's RS256 signing key: made once, kept in the store so tokens survive a restart. */
export function loadSigningKey(db: Db): SigningKey {
  let pem = getMeta(db, META_KEY);
  if (!pem) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    setMeta(db, META_KEY, pem);
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = jwkThumbprint(jwk);
  return { privateKey, publicKey, kid, publicJwk: { ...jwk, kid, use: 'sig', alg: 'RS256' } };
}
