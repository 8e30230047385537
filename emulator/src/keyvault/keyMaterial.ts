import { generateKeyPair, createPublicKey, randomUUID, type JsonWebKey } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

export type KeySpec = { kty: 'RSA'; size: number } | { kty: 'EC'; crv: 'P-256' | 'P-384' };

export interface KeyMaterial {
  privatePem: string;
  /** Public part only, as Key Vault returns it (`n`/`e` or `crv`/`x`/`y`). */
  publicJwk: JsonWebKey;
}

/** Real key pairs from node:crypto; the private half stays inside the emulator's store. */
export async function createKeyMaterial(spec: KeySpec): Promise<KeyMaterial> {
  const { privateKey } =
    spec.kty === 'RSA'
      ? await generate('rsa', { modulusLength: spec.size, publicExponent: 0x10001 })
      : await generate('ec', { namedCurve: spec.crv === 'P-256' ? 'prime256v1' : 'secp384r1' });
  const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { privatePem, publicJwk };
}

/** Key Vault version identifiers: 32 lower-case hex digits. */
export const newKeyVersion = () => randomUUID().replaceAll('-', '');

export const RSA_KEY_OPS = ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'];
export const EC_KEY_OPS = ['sign', 'verify'];
