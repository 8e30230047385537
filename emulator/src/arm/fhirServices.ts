import { ArmError, armErrors } from '../errors/arm.ts';
import { checkCustomerManagedKey } from '../cosmos/customerManagedKey.ts';
import { CmkUnavailableError, KEY_STATUS_ACCESSIBLE, keyStatusRevoked } from '../cosmos/dataKeys.ts';
import { TENANT_ID } from '../../seed/inventory.ts';
import { getResource, listResources, newEtag, putResource, resourceId } from '../store/resources.ts';
import {
  authorize, checkPreconditions, invalidContent, objectBody, page, readTags, type ArmRequest, type ArmResponse,
} from './context.ts';
import type { Operation } from './operations.ts';

export const FHIR_SERVICE_TYPE = 'Microsoft.HealthcareApis/services';
const READ = 'Microsoft.HealthcareApis/services/read';
const WRITE = 'Microsoft.HealthcareApis/services/write';
const DELETE = 'Microsoft.HealthcareApis/services/delete';
const PAGE_SIZE = 50;

/** Account names: 3-24 lower-case letters, digits and hyphens, starting and ending with a letter or digit. */
export const SERVICE_NAME = /^[a-z0-9][a-z0-9-]{1,22}[a-z0-9]$/;
const SERVICE_NAME_RULE =
  'The service name must be 3 to 24 characters long, start and end with a lower-case letter or digit, and contain only lower-case letters, digits and hyphens.';
const KINDS = ['fhir', 'fhir-Stu3', 'fhir-R4'];
const MIN_THROUGHPUT = 400;
const MAX_THROUGHPUT = 100_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Regions where Azure API for FHIR was offered. */
export const FHIR_LOCATIONS = [
  'australiaeast', 'brazilsouth', 'canadacentral', 'centralindia', 'centralus', 'eastasia', 'eastus', 'eastus2', 'francecentral',
  'germanywestcentral', 'japaneast', 'koreacentral', 'northcentralus', 'northeurope', 'norwayeast', 'qatarcentral', 'southafricanorth',
  'southcentralus', 'southeastasia', 'swedencentral', 'switzerlandnorth', 'uaenorth', 'uksouth', 'ukwest', 'westcentralus',
  'westeurope', 'westus2', 'westus3',
];
/** Data-sovereign regions: a customer-managed key there needs a Microsoft-issued cross-tenant application ID. */
export const DATA_SOVEREIGN_LOCATIONS = ['brazilsouth', 'eastasia', 'southeastasia'];

type Body = Record<string, unknown> & { properties: Record<string, unknown> & { cosmosDbConfiguration?: CosmosDbConfiguration } };
interface CosmosDbConfiguration {
  offerThroughput?: number;
  keyVaultKeyUri?: string;
  crossTenantCmkApplicationId?: string;
}

const withEtag = (body: Body, etag: string): Body => ({ ...body, etag });

/**
 * The account as Resource Manager answers: with, for a customer-managed key, the backing database's
 * view of it — the key version in use and whether access to it is confirmed or revoked (the names and
 * words of Azure Cosmos DB's `keyVaultKeyUriVersion` and `customerManagedKeyStatus`).
 */
function present(r: ArmRequest, id: string, body: Body, etag: string): Body {
  const status = body.properties.cosmosDbConfiguration?.keyVaultKeyUri ? r.dataKeys.status(id) : undefined;
  if (!status) return withEtag(body, etag);
  return withEtag({
    ...body,
    properties: {
      ...body.properties,
      ...(status.keyVersion ? { keyVaultKeyUriVersion: status.keyVersion } : {}),
      customerManagedKeyStatus: status.state === 'Revoked' ? keyStatusRevoked(status.code ?? 4008) : KEY_STATUS_ACCESSIBLE,
    },
  }, etag);
}

function refuseWhileRevoked(r: ArmRequest, id: string): void {
  if (r.dataKeys.status(id)?.state === 'Revoked') {
    throw new ArmError(400, 'BadRequest', 'No Update is allowed on Database Account with Customer Managed Key in Revoked Status');
  }
}
const normalizeLocation = (l: string) => l.replace(/\s+/g, '').toLowerCase();

function resourceGroupMustExist(r: ArmRequest, subscriptionId: string, resourceGroup: string): void {
  if (!getResource(r.db, `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`)) throw armErrors.resourceGroupNotFound(resourceGroup);
}

/** Account names are global: the FHIR endpoint is `https://{name}.azurehealthcareapis.com`. */
function nameTaken(r: ArmRequest, name: string, exceptId?: string): boolean {
  const row = r.db.prepare('select id from resources where type = ? and name = ?').get(FHIR_SERVICE_TYPE, name) as { id: string } | undefined;
  return !!row && row.id.toLowerCase() !== exceptId?.toLowerCase();
}

function operationUrl(r: ArmRequest, op: Operation): string {
  return `${r.origin}/subscriptions/${op.subscriptionId}/providers/Microsoft.HealthcareApis/locations/${op.location}/operationresults/${op.id}?api-version=${encodeURIComponent(r.apiVersion)}`;
}

function lroHeaders(r: ArmRequest, op: Operation, etag?: string): Record<string, string> {
  return {
    'azure-asyncoperation': operationUrl(r, op),
    'retry-after': String(Math.max(1, Math.ceil(r.provisioningDelayMs / 1000))),
    ...(etag ? { etag } : {}),
  };
}

function ensureIdle(r: ArmRequest, id: string, name: string): void {
  if (r.operations.running(id)) {
    throw new ArmError(409, 'AnotherOperationInProgress', `Another operation is in progress on the service '${name}'. Wait until it completes, then try again.`);
  }
}

/** Reads the PUT body the way Resource Manager does: known fields checked, unknown fields ignored. */
function readServiceDescription(raw: Record<string, unknown>) {
  const location = raw.location;
  if (typeof location !== 'string' || !location.trim()) {
    throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.', 'location');
  }
  const normalized = normalizeLocation(location);
  if (!FHIR_LOCATIONS.includes(normalized)) {
    throw new ArmError(400, 'LocationNotAvailableForResourceType',
      `The provided location '${location}' is not available for resource type '${FHIR_SERVICE_TYPE}'. List of available regions for the resource type is '${FHIR_LOCATIONS.join(',')}'.`, 'location');
  }
  const kind = raw.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) {
    throw new ArmError(400, 'InvalidKind', `The kind '${String(kind ?? '')}' is not valid. Use one of: ${KINDS.join(', ')}.`, 'kind');
  }
  const tags = readTags(raw.tags);
  const props = raw.properties ?? {};
  if (typeof props !== 'object' || Array.isArray(props) || props === null) throw invalidContent('properties', 'an object');
  const p = props as Record<string, unknown>;
  const cosmosRaw = p.cosmosDbConfiguration ?? {};
  if (typeof cosmosRaw !== 'object' || Array.isArray(cosmosRaw) || cosmosRaw === null) throw invalidContent('properties.cosmosDbConfiguration', 'an object');
  const c = cosmosRaw as Record<string, unknown>;
  const throughput = c.offerThroughput ?? MIN_THROUGHPUT;
  if (typeof throughput !== 'number' || !Number.isInteger(throughput)) throw invalidContent('properties.cosmosDbConfiguration.offerThroughput', 'an integer');
  if (throughput < MIN_THROUGHPUT || throughput > MAX_THROUGHPUT || throughput % 100 !== 0) {
    throw new ArmError(400, 'InvalidOfferThroughput',
      `The provisioned throughput ${throughput} RU/s is not valid: use ${MIN_THROUGHPUT} to ${MAX_THROUGHPUT} RU/s in steps of 100.`, 'properties.cosmosDbConfiguration.offerThroughput');
  }
  const keyUri = c.keyVaultKeyUri;
  if (keyUri !== undefined && keyUri !== null && typeof keyUri !== 'string') throw invalidContent('properties.cosmosDbConfiguration.keyVaultKeyUri', 'a string');
  const crossTenant = c.crossTenantCmkApplicationId;
  if (crossTenant !== undefined && crossTenant !== null && (typeof crossTenant !== 'string' || !GUID.test(crossTenant))) {
    throw new ArmError(400, 'InvalidCrossTenantCmkApplicationId', 'crossTenantCmkApplicationId must be a GUID.', 'properties.cosmosDbConfiguration.crossTenantCmkApplicationId');
  }
  const publicNetworkAccess = p.publicNetworkAccess ?? 'Enabled';
  if (publicNetworkAccess !== 'Enabled' && publicNetworkAccess !== 'Disabled') throw invalidContent('properties.publicNetworkAccess', "'Enabled' or 'Disabled'");
  const accessPolicies = p.accessPolicies ?? [];
  if (!Array.isArray(accessPolicies) || !accessPolicies.every((a) => a && typeof a === 'object' && GUID.test(String((a as { objectId?: unknown }).objectId)))) {
    throw invalidContent('properties.accessPolicies', 'a list of { objectId } with GUIDs');
  }
  const auth = (p.authenticationConfiguration ?? {}) as Record<string, unknown>;
  return {
    location: normalized,
    kind,
    tags,
    identity: raw.identity && typeof raw.identity === 'object' ? raw.identity : undefined,
    cosmos: {
      offerThroughput: throughput,
      ...(keyUri ? { keyVaultKeyUri: keyUri.trim() } : {}),
      ...(crossTenant ? { crossTenantCmkApplicationId: crossTenant } : {}),
    } as CosmosDbConfiguration,
    publicNetworkAccess,
    accessPolicies: accessPolicies.map((a) => ({ objectId: String((a as { objectId: string }).objectId) })),
    authentication: {
      authority: typeof auth.authority === 'string' ? auth.authority : `https://login.microsoftonline.com/${TENANT_ID}`,
      audience: typeof auth.audience === 'string' ? auth.audience : undefined,
      smartProxyEnabled: auth.smartProxyEnabled === true,
    },
    cors: p.corsConfiguration && typeof p.corsConfiguration === 'object' ? p.corsConfiguration : { origins: [], headers: [], methods: [], allowCredentials: false },
    exportConfiguration: p.exportConfiguration && typeof p.exportConfiguration === 'object' ? p.exportConfiguration : {},
  };
}

export function listFhirServices(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup } = r.params as { subscriptionId: string; resourceGroup?: string };
  const scope = resourceGroup ? `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}` : `/subscriptions/${subscriptionId}`;
  authorize(r, subscriptionId, scope, READ);
  if (resourceGroup) resourceGroupMustExist(r, subscriptionId, resourceGroup);
  const pageSize = Math.min(PAGE_SIZE, Math.max(1, Number(r.query.get('$top')) || PAGE_SIZE));
  return page(
    r,
    `${scope}/providers/${FHIR_SERVICE_TYPE}`,
    (after, limit) =>
      listResources<Body>(r.db, { subscriptionId, type: FHIR_SERVICE_TYPE, resourceGroup, after, limit }).map((s) => ({ ...present(r, s.id, s.body, s.etag), id: s.id })),
    pageSize,
  );
}

function ids(r: ArmRequest) {
  const { subscriptionId, resourceGroup, name } = r.params as { subscriptionId: string; resourceGroup: string; name: string };
  return { subscriptionId, resourceGroup, name, id: resourceId(subscriptionId, resourceGroup, FHIR_SERVICE_TYPE, name) };
}

export function getFhirService(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup, name, id } = ids(r);
  authorize(r, subscriptionId, id, READ);
  resourceGroupMustExist(r, subscriptionId, resourceGroup);
  const stored = getResource<Body>(r.db, id);
  if (!stored) throw armErrors.resourceNotFound(FHIR_SERVICE_TYPE, name, resourceGroup);
  return { status: 200, body: present(r, id, stored.body, stored.etag), headers: { etag: stored.etag } };
}

export function putFhirService(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup, name, id } = ids(r);
  authorize(r, subscriptionId, id, WRITE, true);
  resourceGroupMustExist(r, subscriptionId, resourceGroup);
  if (!SERVICE_NAME.test(name)) throw new ArmError(400, 'InvalidResourceName', `The resource name '${name}' is invalid. ${SERVICE_NAME_RULE}`, 'name');
  const existing = getResource<Body>(r.db, id);
  checkPreconditions(r, existing?.etag);
  if (existing) ensureIdle(r, id, name);
  if (existing) refuseWhileRevoked(r, id);
  const d = readServiceDescription(objectBody(r));

  if (!existing && nameTaken(r, name)) {
    throw new ArmError(409, 'ServiceNameNotAvailable', `The service name '${name}' is already in use. Service names are global; choose another name.`, 'name');
  }
  const before = existing?.body.properties.cosmosDbConfiguration;
  if (existing) {
    if (normalizeLocation(String(existing.body.location)) !== d.location) {
      throw new ArmError(400, 'InvalidResourceLocation',
        `The resource '${name}' already exists in location '${String(existing.body.location)}' in resource group '${resourceGroup}'. A resource with the same name cannot be created in location '${d.location}'. Please select a new resource name.`);
    }
    if (!!before?.keyVaultKeyUri !== !!d.cosmos.keyVaultKeyUri) {
      throw new ArmError(400, 'BadRequest', 'Updating KeyVaultKeyUri is not supported', 'properties.cosmosDbConfiguration.keyVaultKeyUri');
    }
  }
  if (d.cosmos.keyVaultKeyUri && d.cosmos.keyVaultKeyUri !== before?.keyVaultKeyUri) {
    const refusal = checkCustomerManagedKey(r.db, r.faults, d.cosmos.keyVaultKeyUri);
    if (refusal) throw new ArmError(refusal.status, refusal.code, refusal.message, 'properties.cosmosDbConfiguration.keyVaultKeyUri');
    if (DATA_SOVEREIGN_LOCATIONS.includes(d.location) && !d.cosmos.crossTenantCmkApplicationId) {
      throw new ArmError(400, 'BadRequest',
        `A customer-managed key in ${d.location} (a data-sovereign region) needs crossTenantCmkApplicationId: the application ID Microsoft issues for it.`,
        'properties.cosmosDbConfiguration.crossTenantCmkApplicationId');
    }
  }

  const now = new Date().toISOString();
  const who = r.principal.kind === 'user' ? (r.principal.userPrincipalName ?? r.principal.objectId) : r.principal.objectId;
  const created = existing?.body.systemData as Record<string, unknown> | undefined;
  const body: Body = {
    id,
    name,
    type: FHIR_SERVICE_TYPE,
    location: d.location,
    kind: d.kind,
    tags: d.tags,
    ...(d.identity ? { identity: d.identity } : {}),
    properties: {
      provisioningState: existing ? 'Updating' : 'Creating',
      accessPolicies: d.accessPolicies,
      cosmosDbConfiguration: d.cosmos,
      authenticationConfiguration: { ...d.authentication, audience: d.authentication.audience ?? `https://${name}.azurehealthcareapis.localhost` },
      corsConfiguration: d.cors,
      exportConfiguration: d.exportConfiguration,
      privateEndpointConnections: [],
      publicNetworkAccess: d.publicNetworkAccess,
    },
    systemData: {
      createdBy: created?.createdBy ?? who, createdByType: created?.createdByType ?? (r.principal.kind === 'user' ? 'User' : 'Application'),
      createdAt: created?.createdAt ?? now,
      lastModifiedBy: who, lastModifiedByType: r.principal.kind === 'user' ? 'User' : 'Application', lastModifiedAt: now,
    },
  };
  const { op, etag } = r.db.transaction(() => {
    const saved = putResource(r.db, { id, subscriptionId, resourceGroup, type: FHIR_SERVICE_TYPE, name, body, etag: newEtag() });
    // The data key: made and wrapped with the account's key at creation; re-wrapped when the key changes.
    try {
      if (!existing) r.dataKeys.provision(id, d.cosmos.keyVaultKeyUri);
      else if (d.cosmos.keyVaultKeyUri && d.cosmos.keyVaultKeyUri !== before?.keyVaultKeyUri) r.dataKeys.changeKey(id, d.cosmos.keyVaultKeyUri);
    } catch (e) {
      if (e instanceof CmkUnavailableError) throw new ArmError(400, 'BadRequest', e.message, 'properties.cosmosDbConfiguration.keyVaultKeyUri');
      throw e;
    }
    const started = r.operations.start({
      subscriptionId, location: d.location, resourceId: id, kind: existing ? 'update' : 'create', delayMs: r.provisioningDelayMs,
      failure: r.faults.takeOperationFailure(),
    });
    return { op: started, etag: saved.etag };
  })();
  return { status: existing ? 200 : 201, body: present(r, id, body, etag), headers: lroHeaders(r, op, etag) };
}

export function patchFhirService(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup, name, id } = ids(r);
  authorize(r, subscriptionId, id, WRITE, true);
  resourceGroupMustExist(r, subscriptionId, resourceGroup);
  const existing = getResource<Body>(r.db, id);
  if (!existing) throw armErrors.resourceNotFound(FHIR_SERVICE_TYPE, name, resourceGroup);
  checkPreconditions(r, existing.etag);
  ensureIdle(r, id, name);
  refuseWhileRevoked(r, id);
  const raw = objectBody(r);
  const tags = raw.tags === undefined ? (existing.body.tags as Record<string, string>) : readTags(raw.tags);
  const props = (raw.properties ?? {}) as Record<string, unknown>;
  if (typeof props !== 'object' || Array.isArray(props)) throw invalidContent('properties', 'an object');
  const pna = props.publicNetworkAccess ?? existing.body.properties.publicNetworkAccess;
  if (pna !== 'Enabled' && pna !== 'Disabled') throw invalidContent('properties.publicNetworkAccess', "'Enabled' or 'Disabled'");
  // PATCH carries only tags and publicNetworkAccess; anything else in the body is ignored.
  const body: Body = { ...existing.body, tags, properties: { ...existing.body.properties, publicNetworkAccess: pna, provisioningState: 'Updating' } };
  const { op, etag } = r.db.transaction(() => {
    const saved = putResource(r.db, { ...existing, body, etag: newEtag() });
    const started = r.operations.start({
      subscriptionId, location: String(existing.body.location), resourceId: id, kind: 'update', delayMs: r.provisioningDelayMs,
      failure: r.faults.takeOperationFailure(),
    });
    return { op: started, etag: saved.etag };
  })();
  return { status: 200, body: present(r, id, body, etag), headers: lroHeaders(r, op, etag) };
}

export function deleteFhirService(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup, name, id } = ids(r);
  authorize(r, subscriptionId, id, DELETE, true);
  resourceGroupMustExist(r, subscriptionId, resourceGroup);
  const existing = getResource<Body>(r.db, id);
  if (!existing) return { status: 204 };
  checkPreconditions(r, existing.etag);
  ensureIdle(r, id, name);
  const op = r.db.transaction(() => {
    putResource(r.db, { ...existing, body: { ...existing.body, properties: { ...existing.body.properties, provisioningState: 'Deleting' } }, etag: newEtag() });
    return r.operations.start({ subscriptionId, location: String(existing.body.location), resourceId: id, kind: 'delete', delayMs: r.provisioningDelayMs, failure: r.faults.takeOperationFailure() });
  })();
  const headers = lroHeaders(r, op);
  return { status: 202, headers: { ...headers, location: headers['azure-asyncoperation']! } };
}

export function getOperationResult(r: ArmRequest): ArmResponse {
  const { subscriptionId, location, operationId } = r.params as { subscriptionId: string; location: string; operationId: string };
  authorize(r, subscriptionId, `/subscriptions/${subscriptionId}`, 'Microsoft.HealthcareApis/locations/operationresults/read');
  const op = r.operations.get(operationId);
  if (!op || op.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase() || op.location !== normalizeLocation(location)) {
    throw new ArmError(404, 'OperationNotFound', `The operation '${operationId}' was not found.`);
  }
  const body = {
    id: `/subscriptions/${op.subscriptionId}/providers/Microsoft.HealthcareApis/locations/${op.location}/operationresults/${op.id}`,
    name: op.id,
    status: op.status,
    startTime: op.startTime,
    ...(op.endTime ? { endTime: op.endTime } : {}),
    ...(op.status === 'Failed' && op.error ? { error: op.error } : {}),
    properties: {},
  };
  return { status: 200, body, headers: op.status === 'Running' ? { 'retry-after': String(Math.max(1, Math.ceil((op.due - Date.now()) / 1000))) } : {} };
}

export function checkNameAvailability(r: ArmRequest): ArmResponse {
  const { subscriptionId } = r.params as { subscriptionId: string };
  authorize(r, subscriptionId, `/subscriptions/${subscriptionId}`, 'Microsoft.HealthcareApis/checkNameAvailability/read');
  const raw = objectBody(r);
  if (typeof raw.name !== 'string') throw invalidContent('name', 'a string');
  if (raw.type !== FHIR_SERVICE_TYPE) throw invalidContent('type', `'${FHIR_SERVICE_TYPE}'`);
  if (!SERVICE_NAME.test(raw.name)) return { status: 200, body: { nameAvailable: false, reason: 'Invalid', message: SERVICE_NAME_RULE } };
  if (nameTaken(r, raw.name)) return { status: 200, body: { nameAvailable: false, reason: 'AlreadyExists', message: 'Service name is not available.' } };
  return { status: 200, body: { nameAvailable: true } };
}
