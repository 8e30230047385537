import { describe, expect, it } from 'vitest';
import { keyNameProblem, keyReason, keyTypeLabel, vaultReasons } from './reasons';

const NOW = Date.UTC(2026, 11, 3);
const DAY = 86_400_000;

describe('vaultReasons', () => {
  it('names every problem in the portal words', () => {
    expect(vaultReasons({ problems: [] })).toEqual([]);
    expect(vaultReasons({ problems: ['soft-delete', 'purge-protection', 'cosmos-access'] })).toEqual([
      'Purge protection is off', 'Soft delete is off', "Azure Cosmos DB can't use keys in this vault (needs Get, Wrap Key, Unwrap Key)",
    ]);
    expect(vaultReasons({ problems: ['rbac'] })).toEqual([]);
  });
});

describe('keyReason', () => {
  it('accepts an enabled RSA key in date, and a key whose type is not known yet', () => {
    expect(keyReason({ name: 'k', enabled: true, kty: 'RSA', keySize: 3072 }, NOW)).toBeUndefined();
    expect(keyReason({ name: 'k', enabled: true }, NOW)).toBeUndefined();
  });
  it.each([
    [{ name: 'e', enabled: true, kty: 'EC', curve: 'P-256' }, 'EC key: Azure API for FHIR needs an RSA key'],
    [{ name: 'o', enabled: true, kty: 'oct-HSM' }, 'oct-HSM key'],
    [{ name: 'd', enabled: false, kty: 'RSA' }, 'Disabled'],
    [{ name: 'x', enabled: true, kty: 'RSA', expiresOn: NOW - DAY }, 'Expired on'],
    [{ name: 'n', enabled: true, kty: 'RSA', notBefore: NOW + DAY }, 'Not valid until'],
  ])('refuses %j', (k, reason) => expect(keyReason(k, NOW)).toContain(reason));
});

describe('keyTypeLabel and keyNameProblem', () => {
  it('labels types', () => {
    expect(keyTypeLabel({ kty: 'RSA', keySize: 3072 })).toBe('RSA 3072');
    expect(keyTypeLabel({ kty: 'EC', curve: 'P-256' })).toBe('EC P-256');
    expect(keyTypeLabel({})).toBe('');
  });
  it('checks new key names', () => {
    const existing = new Set(['fhir-cmk']);
    expect(keyNameProblem('new-key', existing)).toBeUndefined();
    expect(keyNameProblem('', existing)).toContain('Enter');
    expect(keyNameProblem('bad_name', existing)).toContain('1–127');
    expect(keyNameProblem('FHIR-CMK', existing)).toContain('already exists');
  });
});
