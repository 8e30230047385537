import { describe, expect, it } from 'vitest';
import { parseResourceId } from './resourceId';
import { locationDisplayName } from './locations';

describe('parseResourceId', () => {
  it('splits an ARM resource ID', () => {
    expect(parseResourceId('/subscriptions/s1/resourceGroups/rg-1/providers/Microsoft.HealthcareApis/services/contoso-cmk')).toEqual({
      subscriptionId: 's1', resourceGroup: 'rg-1', provider: 'Microsoft.HealthcareApis', type: 'services', name: 'contoso-cmk',
    });
  });
  it('is case-insensitive on the fixed segments', () => {
    expect(parseResourceId('/SUBSCRIPTIONS/s1/resourcegroups/rg/PROVIDERS/p/t/n')?.resourceGroup).toBe('rg');
  });
  it.each(['', '/subscriptions/s1', '/subscriptions/s1/resourceGroups/rg', 'subscriptions/s1/resourceGroups/rg/providers/p/t/n', '/subscriptions/s1/resourceGroups/rg/providers/p/t/n/extra'])(
    'returns undefined for %j',
    (id) => expect(parseResourceId(id)).toBeUndefined(),
  );
});

describe('locationDisplayName', () => {
  it('shows regions as the portal does', () => {
    expect(locationDisplayName('westus2')).toBe('West US 2');
    expect(locationDisplayName('West US 2')).toBe('West US 2');
    expect(locationDisplayName('eastus')).toBe('East US');
  });
  it('keeps unknown names as given', () => {
    expect(locationDisplayName('marsnorth')).toBe('marsnorth');
  });
});
