import { rolesAt, type RoleName } from '../store/resources.ts';
import { ROLE_KEY_PERMISSIONS, DATA_ACTIONS } from '../keyvault/access.ts';
import { authorize, type ArmRequest, type ArmResponse } from './context.ts';

/** The built-in roles' definitions, as Microsoft.Authorization/permissions reports them. */
const ROLE_PERMISSIONS: Record<RoleName, { actions: string[]; notActions: string[]; dataActions?: string[] }> = {
  Owner: { actions: ['*'], notActions: [] },
  Contributor: {
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write', 'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write', 'Microsoft.Blueprint/blueprintAssignments/delete',
    ],
  },
  Reader: { actions: ['*/read'], notActions: [] },
  'Key Vault Administrator': { actions: ['Microsoft.KeyVault/*/read'], notActions: [], dataActions: ['Microsoft.KeyVault/vaults/*'] },
  'Key Vault Crypto Officer': { actions: ['Microsoft.KeyVault/*/read'], notActions: [], dataActions: ['Microsoft.KeyVault/vaults/keys/*'] },
  'Key Vault Crypto User': { actions: [], notActions: [], dataActions: [] },
  'Key Vault Crypto Service Encryption User': { actions: ['Microsoft.KeyVault/vaults/keys/read'], notActions: [], dataActions: [] },
  'Key Vault Reader': { actions: ['Microsoft.KeyVault/*/read'], notActions: [], dataActions: ['Microsoft.KeyVault/vaults/keys/read'] },
  'FHIR Data Contributor': { actions: [], notActions: [], dataActions: ['Microsoft.HealthcareApis/services/fhir/resources/*'] },
  'FHIR Data Reader': { actions: [], notActions: [], dataActions: ['Microsoft.HealthcareApis/services/fhir/resources/read'] },
};

function permissionsAt(r: ArmRequest, scope: string) {
  return rolesAt(r.db, r.principal.objectId, scope).map((role) => {
    const p = ROLE_PERMISSIONS[role];
    const dataActions = p.dataActions?.length ? p.dataActions : [...new Set((ROLE_KEY_PERMISSIONS[role] ?? []).map((k) => DATA_ACTIONS[k]))];
    return { actions: p.actions, notActions: p.notActions, dataActions, notDataActions: [] };
  });
}

/** GET …/providers/Microsoft.Authorization/permissions at a subscription, resource group or resource. */
export function listPermissions(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup, resourcePath } = r.params as { subscriptionId: string; resourceGroup?: string; resourcePath?: string };
  let scope = `/subscriptions/${subscriptionId}`;
  if (resourceGroup) scope += `/resourceGroups/${resourceGroup}`;
  if (resourcePath) scope += `/providers/${resourcePath}`;
  authorize(r, subscriptionId, `/subscriptions/${subscriptionId}`, 'Microsoft.Authorization/permissions/read');
  return { status: 200, body: { value: permissionsAt(r, scope) } };
}
