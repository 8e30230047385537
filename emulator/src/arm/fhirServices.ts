import { armErrors } from '../errors/arm.ts';
import { getResource, listResources, resourceId } from '../store/resources.ts';
import { authorize, page, type ArmRequest, type ArmResponse } from './context.ts';

export const FHIR_SERVICE_TYPE = 'Microsoft.HealthcareApis/services';
const READ = 'Microsoft.HealthcareApis/services/read';
const PAGE_SIZE = 50;

type Body = Record<string, unknown>;

function withEtag(body: Body, etag: string): Body {
  return { ...body, etag };
}

function resourceGroupMustExist(r: ArmRequest, subscriptionId: string, resourceGroup: string): void {
  if (!getResource(r.db, `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`)) {
    throw armErrors.resourceGroupNotFound(resourceGroup);
  }
}

export function listFhirServices(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup } = r.params as { subscriptionId: string; resourceGroup?: string };
  const scope = resourceGroup ? `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}` : `/subscriptions/${subscriptionId}`;
  authorize(r, subscriptionId, scope, READ);
  if (resourceGroup) resourceGroupMustExist(r, subscriptionId, resourceGroup);
  return page(
    r,
    `${scope}/providers/${FHIR_SERVICE_TYPE}`,
    (after, limit) =>
      listResources<Body>(r.db, { subscriptionId, type: FHIR_SERVICE_TYPE, resourceGroup, after, limit }).map((s) => ({
        ...withEtag(s.body, s.etag),
        id: String(s.body.id),
      })),
    PAGE_SIZE,
  );
}

export function getFhirService(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup, name } = r.params as { subscriptionId: string; resourceGroup: string; name: string };
  const id = resourceId(subscriptionId, resourceGroup, FHIR_SERVICE_TYPE, name);
  authorize(r, subscriptionId, id, READ);
  resourceGroupMustExist(r, subscriptionId, resourceGroup);
  const stored = getResource<Body>(r.db, id);
  if (!stored) throw armErrors.resourceNotFound(FHIR_SERVICE_TYPE, name, resourceGroup);
  return { status: 200, body: withEtag(stored.body, stored.etag), headers: { etag: stored.etag } };
}
