import { ArmError, armErrors } from '../errors/arm.ts';
import { getResource, listResources, putResource } from '../store/resources.ts';
import { authorize, invalidContent, objectBody, page, readTags, type ArmRequest, type ArmResponse } from './context.ts';

const TYPE = 'Microsoft.Resources/resourceGroups';
const NAME = /^[-\w._()]{1,90}$/;

const idOf = (subscriptionId: string, name: string) => `/subscriptions/${subscriptionId}/resourceGroups/${name}`;

export function listResourceGroups(r: ArmRequest): ArmResponse {
  const { subscriptionId } = r.params as { subscriptionId: string };
  authorize(r, subscriptionId, `/subscriptions/${subscriptionId}`, 'Microsoft.Resources/subscriptions/resourceGroups/read');
  return page(r, `/subscriptions/${subscriptionId}/resourcegroups`, (after, limit) =>
    listResources<{ id: string }>(r.db, { subscriptionId, type: TYPE, after, limit }).map((g) => ({ ...g.body, id: g.id })), 100);
}

export function getResourceGroup(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup } = r.params as { subscriptionId: string; resourceGroup: string };
  authorize(r, subscriptionId, idOf(subscriptionId, resourceGroup), 'Microsoft.Resources/subscriptions/resourceGroups/read');
  const g = getResource(r.db, idOf(subscriptionId, resourceGroup));
  if (!g) throw armErrors.resourceGroupNotFound(resourceGroup);
  return { status: 200, body: g.body };
}

export function putResourceGroup(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup } = r.params as { subscriptionId: string; resourceGroup: string };
  const id = idOf(subscriptionId, resourceGroup);
  authorize(r, subscriptionId, id, 'Microsoft.Resources/subscriptions/resourceGroups/write', true);
  if (!NAME.test(resourceGroup) || resourceGroup.endsWith('.')) {
    throw new ArmError(400, 'InvalidResourceGroupName',
      `The resource group name '${resourceGroup}' is invalid. It can be 1-90 letters, digits, underscores, hyphens, periods and parentheses, and cannot end with a period.`);
  }
  const raw = objectBody(r);
  if (typeof raw.location !== 'string' || !raw.location.trim()) throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.', 'location');
  const location = raw.location.replace(/\s+/g, '').toLowerCase();
  const tags = readTags(raw.tags);
  if (raw.managedBy !== undefined && typeof raw.managedBy !== 'string') throw invalidContent('managedBy', 'a string');
  const existing = getResource<{ location: string; name: string }>(r.db, id);
  if (existing && existing.body.location !== location) {
    throw new ArmError(409, 'InvalidResourceGroupLocation',
      `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.body.location}'.`);
  }
  const name = existing?.body.name ?? resourceGroup;
  const body = { id: idOf(subscriptionId, name), name, type: TYPE, location, tags, properties: { provisioningState: 'Succeeded' } };
  putResource(r.db, { id, subscriptionId, resourceGroup: name, type: TYPE, name, body });
  return { status: existing ? 200 : 201, body };
}
