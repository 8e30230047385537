import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import type { KeyVersion } from './keyStore.ts';

export const WRAP_ALGORITHMS = { 'RSA-OAEP': 'sha1', 'RSA-OAEP-256': 'sha256' } as const;
export type WrapAlgorithm = keyof typeof WRAP_ALGORITHMS;

export const isWrapAlgorithm = (alg: unknown): alg is WrapAlgorithm => typeof alg === 'string' && alg in WRAP_ALGORITHMS;

/** Parsed private keys by version identifier: parsing the PEM costs more than the RSA operation on small inputs. */
const parsed = new Map<string, KeyObject>();
const MAX_PARSED = 1000;

function privateKeyOf(key: KeyVersion): KeyObject {
  const id = `${key.vault}/${key.name}/${key.version}`;
  let k = parsed.get(id);
  if (!k) {
    k = createPrivateKey(key.privatePem);
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value!);
    parsed.set(id, k);
  }
  return k;
}

/** RSA-OAEP wrap with the key's public half. */
export function wrap(key: KeyVersion, alg: WrapAlgorithm, plaintext: Buffer): Buffer {
  return publicEncrypt(
    { key: createPublicKey(privateKeyOf(key)), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: WRAP_ALGORITHMS[alg] },
    plaintext,
  );
}

/** RSA-OAEP unwrap with the key's private half; throws when the ciphertext is not for this key. */
export function unwrap(key: KeyVersion, alg: WrapAlgorithm, ciphertext: Buffer): Buffer {
  return privateDecrypt(
    { key: privateKeyOf(key), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: WRAP_ALGORITHMS[alg] },
    ciphertext,
  );
}

/** Why an operation may not use this key version now (enabled, activation and expiry dates), or undefined. */
export function usabilityProblem(key: KeyVersion, now: number, op: 'wrapKey' | 'unwrapKey' | 'encrypt' | 'decrypt'): 'disabled' | 'expired' | 'not-yet-valid' | 'operation' | undefined {
  if (!key.enabled) return 'disabled';
  if (key.nbf !== null && key.nbf > now) return 'not-yet-valid';
  // As in Key Vault, an expired key can still unwrap and decrypt what it protected, but not wrap anew.
  if (key.exp !== null && key.exp <= now && (op === 'wrapKey' || op === 'encrypt')) return 'expired';
  if (!key.keyOps.includes(op)) return 'operation';
  return undefined;
}
