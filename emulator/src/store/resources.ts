import { randomUUID } from 'node:crypto';
import { prepared, type Db } from './database.ts';

/** An ARM resource as stored: its JSON body plus the columns it is looked up by. */
export interface StoredResource<T = Record<string, unknown>> {
  id: string;
  subscriptionId: string;
  resourceGroup: string | null;
  type: string;
  name: string;
  body: T;
  etag: string;
}

interface Row {
  id: string;
  subscription_id: string;
  resource_group: string | null;
  type: string;
  name: string;
  body: string;
  etag: string;
}

const fromRow = <T>(row: Row): StoredResource<T> => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  resourceGroup: row.resource_group,
  type: row.type,
  name: row.name,
  body: JSON.parse(row.body) as T,
  etag: row.etag,
});

export const newEtag = () => `"${randomUUID()}"`;

export function resourceId(subscriptionId: string, resourceGroup: string, type: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${type}/${name}`;
}

export function putResource(db: Db, r: Omit<StoredResource, 'etag'> & { etag?: string }): StoredResource {
  const etag = r.etag ?? newEtag();
  prepared(db, 
    `insert into resources (id, subscription_id, resource_group, type, name, body, etag)
     values (@id, @subscriptionId, @resourceGroup, @type, @name, @body, @etag)
     on conflict(id) do update set body = excluded.body, etag = excluded.etag`,
  ).run({ ...r, body: JSON.stringify(r.body), etag });
  return { ...r, etag };
}

export function getResource<T>(db: Db, id: string): StoredResource<T> | undefined {
  const row = prepared(db, 'select * from resources where id = ?').get(id) as Row | undefined;
  return row && fromRow<T>(row);
}

export function listResources<T>(
  db: Db,
  q: { subscriptionId: string; type: string; resourceGroup?: string; after?: string; limit: number },
): StoredResource<T>[] {
  const rows = prepared(db, 
      `select * from resources
       where subscription_id = @subscriptionId and type = @type
         and (@resourceGroup is null or resource_group = @resourceGroup)
         and (@after is null or id > @after)
       order by id limit @limit`,
    )
    .all({ subscriptionId: q.subscriptionId, type: q.type, resourceGroup: q.resourceGroup ?? null, after: q.after ?? null, limit: q.limit }) as Row[];
  return rows.map((row) => fromRow<T>(row));
}

export interface SubscriptionRow {
  id: string;
  displayName: string;
  tenantId: string;
  state: string;
}

export function listSubscriptions(db: Db): SubscriptionRow[] {
  return prepared(db, 'select id, display_name as displayName, tenant_id as tenantId, state from subscriptions order by display_name')
    .all() as SubscriptionRow[];
}

export function getSubscription(db: Db, id: string): SubscriptionRow | undefined {
  return prepared(db, 'select id, display_name as displayName, tenant_id as tenantId, state from subscriptions where id = ? collate nocase')
    .get(id) as SubscriptionRow | undefined;
}

export type RoleName =
  | 'Owner' | 'Contributor' | 'Reader'
  | 'Key Vault Administrator' | 'Key Vault Crypto Officer' | 'Key Vault Crypto User'
  | 'Key Vault Crypto Service Encryption User' | 'Key Vault Reader'
  | 'FHIR Data Contributor' | 'FHIR Data Reader';

/** Roles the principal holds at the scope or any scope above it. */
export function rolesAt(db: Db, principalId: string, scope: string): RoleName[] {
  const rows = prepared(db, 'select scope, role from role_assignments where principal_id = ?')
    .all(principalId) as { scope: string; role: RoleName }[];
  const target = scope.toLowerCase();
  return rows
    .filter((r) => {
      const s = r.scope.toLowerCase();
      return target === s || target.startsWith(`${s}/`);
    })
    .map((r) => r.role);
}
