import { describe, expect, it } from 'vitest';
import { cmkStatusOf, collectCmkStatus, type CmkStatus } from './cmkStatus';

describe('cmkStatusOf', () => {
  it('reads the confirmed and the revoked status', () => {
    expect(cmkStatusOf({ customerManagedKeyStatus: 'Access to the configured customer managed key confirmed.', keyVaultKeyUriVersion: 'abc' }))
      .toEqual({ revoked: false, message: 'Access to the configured customer managed key confirmed.', versionInUse: 'abc' });
    expect(cmkStatusOf({ customerManagedKeyStatus: 'Access to your account is currently revoked because …' })?.revoked).toBe(true);
  });
  it('is undefined when Resource Manager reports nothing (real Azure API for FHIR)', () => {
    expect(cmkStatusOf({ provisioningState: 'Succeeded' })).toBeUndefined();
    expect(cmkStatusOf(undefined)).toBeUndefined();
  });
});

describe('collectCmkStatus', () => {
  it('collects from a list page and from a single account, by lower-cased id', () => {
    const into = new Map<string, CmkStatus>();
    collectCmkStatus(JSON.stringify({ value: [{ id: '/A/b', properties: { customerManagedKeyStatus: 'x revoked' } }, { id: '/c', properties: {} }] }), into);
    collectCmkStatus(JSON.stringify({ id: '/D', properties: { customerManagedKeyStatus: 'Access to the configured customer managed key confirmed.' } }), into);
    collectCmkStatus('<html>', into);
    expect([...into.keys()]).toEqual(['/a/b', '/d']);
  });
});
