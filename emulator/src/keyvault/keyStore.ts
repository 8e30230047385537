import type { JsonWebKey } from 'node:crypto';
import { prepared, type Db } from '../store/database.ts';
import { getResource, type StoredResource } from '../store/resources.ts';

/** One version of a key, as stored (the private half never leaves this module's callers inside the emulator). */
export interface KeyVersion {
  vault: string;
  name: string;
  version: string;
  created: number;
  updated: number;
  enabled: boolean;
  nbf: number | null;
  exp: number | null;
  kty: string;
  size: number | null;
  crv: string | null;
  keyOps: string[];
  tags: Record<string, string>;
  publicJwk: JsonWebKey;
  privatePem: string;
}

interface KeyRow {
  vault: string; name: string; version: string; created: number; updated: number; enabled: number;
  nbf: number | null; exp: number | null; kty: string; size: number | null; crv: string | null;
  key_ops: string; tags: string; public_jwk: string; private_pem: string;
}

const fromRow = (r: KeyRow): KeyVersion => ({
  vault: r.vault, name: r.name, version: r.version, created: r.created, updated: r.updated, enabled: r.enabled === 1,
  nbf: r.nbf, exp: r.exp, kty: r.kty, size: r.size, crv: r.crv,
  keyOps: JSON.parse(r.key_ops) as string[], tags: JSON.parse(r.tags) as Record<string, string>,
  publicJwk: JSON.parse(r.public_jwk) as JsonWebKey, privatePem: r.private_pem,
});

export interface VaultProperties {
  tenantId: string;
  vaultUri: string;
  enabledForDeployment?: boolean;
  enabledForDiskEncryption?: boolean;
  enabledForTemplateDeployment?: boolean;
  enableSoftDelete?: boolean;
  softDeleteRetentionInDays?: number;
  enablePurgeProtection?: boolean;
  enableRbacAuthorization?: boolean;
  publicNetworkAccess?: string;
  networkAcls?: { bypass?: string; defaultAction?: string };
  accessPolicies: { tenantId: string; objectId: string; permissions: { keys?: string[]; secrets?: string[]; certificates?: string[] } }[];
}

export type VaultBody = { id: string; name: string; location: string; properties: VaultProperties } & Record<string, unknown>;

/** Vault names are global in Azure: one vault per name across every subscription. */
export function findVault(db: Db, name: string): StoredResource<VaultBody> | undefined {
  const row = prepared(db, "select id from resources where type = 'Microsoft.KeyVault/vaults' and name = ?").get(name) as { id: string } | undefined;
  return row ? getResource<VaultBody>(db, row.id) : undefined;
}

const ORDER_LATEST = 'order by created desc, rowid desc';

export class KeyStore {
  constructor(private readonly db: Db) {}

  isDeleted(vault: string, name: string): { deleted: number; scheduledPurge: number } | undefined {
    const row = prepared(this.db, 'select deleted, scheduled_purge as scheduledPurge from deleted_keys where vault = ? and name = ?').get(vault, name);
    return row as { deleted: number; scheduledPurge: number } | undefined;
  }

  /** The current (latest) version of each live key, by name, after `after`. */
  listKeys(vault: string, after: string | undefined, limit: number): KeyVersion[] {
    const rows = prepared(this.db, 
        `select k.* from vault_keys k
         where k.vault = @vault and (@after is null or k.name > @after collate nocase)
           and not exists (select 1 from deleted_keys d where d.vault = k.vault and d.name = k.name)
           and k.rowid = (select k2.rowid from vault_keys k2 where k2.vault = k.vault and k2.name = k.name ${ORDER_LATEST} limit 1)
         order by k.name collate nocase limit @limit`,
      )
      .all({ vault, after: after ?? null, limit }) as KeyRow[];
    return rows.map(fromRow);
  }

  listVersions(vault: string, name: string, afterRowid: number | undefined, limit: number): { rowid: number; key: KeyVersion }[] {
    const rows = prepared(this.db, `select rowid as rid, * from vault_keys where vault = ? and name = ? and rowid > ? order by rowid limit ?`)
      .all(vault, name, afterRowid ?? 0, limit) as (KeyRow & { rid: number })[];
    return rows.map((r) => ({ rowid: r.rid, key: fromRow(r) }));
  }

  /** A version, or the latest one when `version` is empty. Soft-deleted keys are not found. */
  get(vault: string, name: string, version?: string): KeyVersion | undefined {
    if (this.isDeleted(vault, name)) return undefined;
    return this.getIncludingDeleted(vault, name, version);
  }

  getIncludingDeleted(vault: string, name: string, version?: string): KeyVersion | undefined {
    const row = version
      ? prepared(this.db, 'select * from vault_keys where vault = ? and name = ? and version = ?').get(vault, name, version.toLowerCase())
      : prepared(this.db, `select * from vault_keys where vault = ? and name = ? ${ORDER_LATEST} limit 1`).get(vault, name);
    return row ? fromRow(row as KeyRow) : undefined;
  }

  exists(vault: string, name: string): boolean {
    return !!prepared(this.db, 'select 1 from vault_keys where vault = ? and name = ? limit 1').get(vault, name);
  }

  insert(k: KeyVersion): void {
    prepared(this.db, 
        `insert into vault_keys (vault, name, version, created, updated, enabled, nbf, exp, kty, size, crv, key_ops, tags, public_jwk, private_pem)
         values (@vault, @name, @version, @created, @updated, @enabled, @nbf, @exp, @kty, @size, @crv, @keyOps, @tags, @publicJwk, @privatePem)`,
      )
      .run({
        ...k, enabled: k.enabled ? 1 : 0, keyOps: JSON.stringify(k.keyOps), tags: JSON.stringify(k.tags),
        publicJwk: JSON.stringify(k.publicJwk),
      });
  }

  update(k: KeyVersion): void {
    prepared(this.db, 
        `update vault_keys set enabled = @enabled, nbf = @nbf, exp = @exp, key_ops = @keyOps, tags = @tags, updated = @updated
         where vault = @vault and name = @name and version = @version`,
      )
      .run({ vault: k.vault, name: k.name, version: k.version, enabled: k.enabled ? 1 : 0, nbf: k.nbf, exp: k.exp, keyOps: JSON.stringify(k.keyOps), tags: JSON.stringify(k.tags), updated: k.updated });
  }

  softDelete(vault: string, name: string, deleted: number, scheduledPurge: number): void {
    prepared(this.db, 'insert into deleted_keys (vault, name, deleted, scheduled_purge) values (?, ?, ?, ?)').run(vault, name, deleted, scheduledPurge);
  }

  recover(vault: string, name: string): void {
    prepared(this.db, 'delete from deleted_keys where vault = ? and name = ?').run(vault, name);
  }

  purge(vault: string, name: string): void {
    this.db.transaction(() => {
      prepared(this.db, 'delete from deleted_keys where vault = ? and name = ?').run(vault, name);
      prepared(this.db, 'delete from vault_keys where vault = ? and name = ?').run(vault, name);
    })();
  }

  listDeleted(vault: string, after: string | undefined, limit: number): { name: string; deleted: number; scheduledPurge: number }[] {
    return prepared(this.db, 
        `select name, deleted, scheduled_purge as scheduledPurge from deleted_keys
         where vault = ? and (? is null or name > ? collate nocase) order by name collate nocase limit ?`,
      )
      .all(vault, after ?? null, after ?? null, limit) as { name: string; deleted: number; scheduledPurge: number }[];
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
