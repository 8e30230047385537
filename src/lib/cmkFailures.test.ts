import { describe, expect, it } from 'vitest';
import { revokedCause } from './cmkFailures';

describe('revokedCause', () => {
  it('reads the sub-status and the fhir-server text, and gives the fix', () => {
    const r = revokedCause('Access to your account is currently revoked because the Azure Cosmos DB account is unable to access the customer-managed key (4003: The customer-managed key is not found.)');
    expect(r).toEqual({ code: 4003, cause: 'The customer-managed key is not found.', fix: expect.stringContaining('Recover the deleted key') });
    expect(revokedCause('(4002: The customer-managed key is disabled, or the Key Vault does not grant permission to AAD.)').fix).toContain('Enable the key');
  });
  it('keeps an unknown message as the cause', () => expect(revokedCause('revoked for reasons').cause).toBe('revoked for reasons'));
});
