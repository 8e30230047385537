import { describe, expect, it } from 'vitest';
import { actionAllowed, actionMatches } from './permissions';

const WRITE = 'Microsoft.HealthcareApis/services/write';

describe('actionAllowed', () => {
  it('Owner (*) may write', () => expect(actionAllowed([{ actions: ['*'] }], WRITE)).toBe(true));
  it('Reader (*/read) may not write but may read', () => {
    expect(actionAllowed([{ actions: ['*/read'] }], WRITE)).toBe(false);
    expect(actionAllowed([{ actions: ['*/read'] }], 'Microsoft.HealthcareApis/services/read')).toBe(true);
  });
  it('Contributor may write services but not role assignments', () => {
    const contributor = { actions: ['*'], notActions: ['Microsoft.Authorization/*/Write'] };
    expect(actionAllowed([contributor], WRITE)).toBe(true);
    expect(actionAllowed([contributor], 'Microsoft.Authorization/roleAssignments/write')).toBe(false);
  });
  it('no roles, no write', () => expect(actionAllowed([], WRITE)).toBe(false));
  it('one role granting is enough', () => expect(actionAllowed([{ actions: ['*/read'] }, { actions: ['Microsoft.HealthcareApis/*'] }], WRITE)).toBe(true));
  it('matches case-insensitively and escapes dots', () => {
    expect(actionMatches('microsoft.healthcareapis/services/*', WRITE)).toBe(true);
    expect(actionMatches('Microsoft.HealthcareApis/services/write', 'MicrosoftXHealthcareApis/services/write')).toBe(false);
  });
});
