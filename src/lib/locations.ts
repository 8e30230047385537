/** Display names of Azure regions, as the portal shows them. Unknown names are shown as given. */
const DISPLAY_NAMES: Record<string, string> = {
  eastus: 'East US', eastus2: 'East US 2', westus: 'West US', westus2: 'West US 2', westus3: 'West US 3',
  centralus: 'Central US', northcentralus: 'North Central US', southcentralus: 'South Central US', westcentralus: 'West Central US',
  canadacentral: 'Canada Central', brazilsouth: 'Brazil South', northeurope: 'North Europe', westeurope: 'West Europe',
  uksouth: 'UK South', ukwest: 'UK West', francecentral: 'France Central', germanywestcentral: 'Germany West Central',
  switzerlandnorth: 'Switzerland North', norwayeast: 'Norway East', swedencentral: 'Sweden Central',
  australiaeast: 'Australia East', southeastasia: 'Southeast Asia', eastasia: 'East Asia', japaneast: 'Japan East',
  koreacentral: 'Korea Central', centralindia: 'Central India', southafricanorth: 'South Africa North', uaenorth: 'UAE North',
  qatarcentral: 'Qatar Central',
};

export function locationDisplayName(location: string): string {
  return DISPLAY_NAMES[location.replace(/\s+/g, '').toLowerCase()] ?? location;
}

/** Regions where Azure API for FHIR was offered, by display name. */
export const FHIR_REGIONS: readonly string[] = [
  'australiaeast', 'brazilsouth', 'canadacentral', 'centralindia', 'centralus', 'eastasia', 'eastus', 'eastus2', 'francecentral',
  'germanywestcentral', 'japaneast', 'koreacentral', 'northcentralus', 'northeurope', 'norwayeast', 'qatarcentral', 'southafricanorth',
  'southcentralus', 'southeastasia', 'swedencentral', 'switzerlandnorth', 'uaenorth', 'uksouth', 'ukwest', 'westcentralus',
  'westeurope', 'westus2', 'westus3',
].slice().sort((a, b) => locationDisplayName(a).localeCompare(locationDisplayName(b)));
