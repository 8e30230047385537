import { constants, createPrivateKey, createPublicKey, generateKeyPairSync, privateDecrypt, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { COSMOS_DB_PRINCIPAL } from '../../seed/inventory.ts';
import type { FaultInjector } from '../faults.ts';
import { hasKeyPermission } from '../keyvault/access.ts';
import { unwrap, usabilityProblem, wrap } from '../keyvault/crypto.ts';
import { findVault, KeyStore, type KeyVersion } from '../keyvault/keyStore.ts';
import { getMeta, prepared, setMeta, type Db } from '../store/database.ts';
import { parseKeyVaultKeyUri } from './customerManagedKey.ts';

/** fhir-server's texts for the Cosmos DB sub-statuses of a customer-managed key failure (403). */
export const CMK_FAILURE_TEXTS: Record<number, string> = {
  4000: 'AAD failure getting a token to access the customer-managed key.',
  4001: 'AAD service unavailable to get access to the customer-managed key.',
  4002: 'The customer-managed key is disabled, or the Key Vault does not grant permission to AAD.',
  4003: 'The customer-managed key is not found.',
  4004: 'The Key Vault Service is unavailable to access the customer-managed key.',
  4005: 'Failure to Wrap or Unwrap the customer-managed key.',
  4006: 'The customer-managed key URI is invalid.',
  4008: 'Unknown Key Vault error accessing the customer-managed key.',
  4009: 'Could not resolve the DNS of the Key Vault of the customer-managed key.',
};
export const cmkFailureText = (code: number) => CMK_FAILURE_TEXTS[code] ?? 'There was an error using the customer-managed key.';

/** Cosmos DB's words for the account's key status, as its `customerManagedKeyStatus` reports them. */
export const KEY_STATUS_ACCESSIBLE = 'Access to the configured customer managed key confirmed.';
export const keyStatusRevoked = (code: number) =>
  `Access to your account is currently revoked because the Azure Cosmos DB account is unable to access the customer-managed key (${code}: ${cmkFailureText(code)})`;

const ALG = 'RSA-OAEP-256' as const;

/** The customer's key can't wrap or unwrap: the sub-status and fhir-server's text. */
export class CmkUnavailableError extends Error {
  constructor(readonly code: number) {
    super(cmkFailureText(code));
  }
}

interface Row {
  account_id: string;
  key_uri: string | null;
  key_version: string | null;
  wrapped_key: Buffer;
  wrap_alg: string;
  version_changed_at: string;
  state: 'Accessible' | 'Revoked';
  revoked_code: number | null;
  revoked_since: string | null;
}

export interface KeyStatus {
  customerManaged: boolean;
  state: 'Accessible' | 'Revoked';
  code?: number;
  revokedSince?: string;
  keyVersion?: string;
  versionChangedAt: string;
}

type Access = { ok: true; key: KeyVersion } | { ok: false; code: number };

/**
 * The backing database's envelope encryption. Each account has a random 256-bit data key; the data is
 * encrypted with it (AES-256-GCM). For a customer-managed key, the data key is wrapped with the latest
 * version of the customer's key, as the Azure Cosmos DB principal — its access policy (or role) and the
 * key's state decide; for a service-managed key, with the emulator's own service key.
 * A monitor re-checks the customer's keys every interval: a new version re-wraps the data key (the data
 * stays as it is, requests go on); a disabled or deleted key, or removed access, revokes the account
 * (the cached data key is dropped); restoring access recovers it.
 */
export class DataKeys {
  private readonly cache = new Map<string, Buffer>();
  private readonly serviceKey: KeyObject;
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: Db, private readonly faults: FaultInjector) {
    let pem = getMeta(db, 'service-data-key');
    if (!pem) {
      pem = generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      setMeta(db, 'service-data-key', pem);
    }
    this.serviceKey = createPrivateKey(pem);
  }

  startMonitor(intervalMs: number): void {
    this.timer = setInterval(() => {
      try {
        this.checkAll();
      } catch (e) {
        console.error('[emulator] key monitor failed:', e);
      }
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private row(accountId: string): Row | undefined {
    return prepared(this.db, 'select * from account_keys where account_id = ?').get(accountId) as Row | undefined;
  }

  /** The customer's key as Azure Cosmos DB reaches it: the latest version, or the sub-status of why not. */
  private customerKey(uri: string, version?: string): Access {
    const parts = parseKeyVaultKeyUri(uri);
    if (!parts) return { ok: false, code: 4006 };
    const vault = findVault(this.db, parts.vault);
    if (!vault) return { ok: false, code: 4009 };
    if (this.faults.vaultUnresponsive(vault.name)) return { ok: false, code: 4004 };
    const cosmos = COSMOS_DB_PRINCIPAL.objectId;
    if (!(['get', 'wrapKey', 'unwrapKey'] as const).every((p) => hasKeyPermission(this.db, vault, cosmos, p))) return { ok: false, code: 4002 };
    const keys = new KeyStore(this.db);
    const latest = keys.get(vault.name, parts.name);
    if (!latest) return { ok: false, code: 4003 };
    const key = version ? keys.get(vault.name, parts.name, version) : latest;
    if (!key) return { ok: false, code: 4003 };
    if (!key.kty.startsWith('RSA')) return { ok: false, code: 4005 };
    const now = Math.floor(Date.now() / 1000);
    if (usabilityProblem(key, now, 'unwrapKey') === 'disabled' || usabilityProblem(key, now, 'unwrapKey') === 'not-yet-valid') return { ok: false, code: 4002 };
    if (!version && usabilityProblem(key, now, 'wrapKey')) return { ok: false, code: 4002 };
    return { ok: true, key };
  }

  private wrapWith(uri: string | undefined, dataKey: Buffer): { wrapped: Buffer; version: string | null } {
    if (!uri) {
      return { wrapped: publicEncrypt({ key: createPublicKey(this.serviceKey), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, dataKey), version: null };
    }
    const access = this.customerKey(uri);
    if (!access.ok) throw new CmkUnavailableError(access.code);
    return { wrapped: wrap(access.key, ALG, dataKey), version: access.key.version };
  }

  /** Gives a new account its data key, wrapped with its key. Throws when the customer's key can't wrap. */
  provision(accountId: string, keyUri: string | undefined): void {
    const dataKey = randomBytes(32);
    const { wrapped, version } = this.wrapWith(keyUri, dataKey);
    prepared(this.db,
      `insert into account_keys (account_id, key_uri, key_version, wrapped_key, wrap_alg, version_changed_at, state, checked_at)
       values (?, ?, ?, ?, ?, ?, 'Accessible', ?)
       on conflict(account_id) do update set key_uri = excluded.key_uri, key_version = excluded.key_version, wrapped_key = excluded.wrapped_key,
         wrap_alg = excluded.wrap_alg, version_changed_at = excluded.version_changed_at, state = 'Accessible', revoked_code = null, revoked_since = null`,
    ).run(accountId, keyUri ?? null, version, wrapped, ALG, new Date().toISOString(), new Date().toISOString());
    this.cache.set(accountId.toLowerCase(), dataKey);
  }

  /** The account now uses another key URI: the same data key, wrapped with the new key. */
  changeKey(accountId: string, keyUri: string): void {
    const dataKey = this.dataKey(accountId);
    if (!Buffer.isBuffer(dataKey)) throw new CmkUnavailableError(dataKey.code);
    const { wrapped, version } = this.wrapWith(keyUri, dataKey);
    prepared(this.db, 'update account_keys set key_uri = ?, key_version = ?, wrapped_key = ?, version_changed_at = ? where account_id = ?')
      .run(keyUri, version, wrapped, new Date().toISOString(), accountId);
  }

  remove(accountId: string): void {
    this.cache.delete(accountId.toLowerCase());
    prepared(this.db, 'delete from account_keys where account_id = ?').run(accountId);
    prepared(this.db, 'delete from fhir_resources where account_id = ?').run(accountId);
  }

  /** An account whose data key could not be made (its customer's key was unreachable): revoked until it can. */
  provisionLater(accountId: string, keyUri: string, code: number): void {
    const now = new Date().toISOString();
    prepared(this.db,
      `insert into account_keys (account_id, key_uri, key_version, wrapped_key, wrap_alg, version_changed_at, state, revoked_code, revoked_since, checked_at)
       values (?, ?, null, x'', ?, ?, 'Revoked', ?, ?, ?) on conflict(account_id) do nothing`,
    ).run(accountId, keyUri, ALG, now, code, now, now);
  }

  /** The account's data key: cached, else unwrapped (as Azure Cosmos DB); or why it can't be reached. */
  dataKey(accountId: string): Buffer | { code: number } {
    const row = this.row(accountId);
    if (!row) return { code: 4008 };
    if (row.state === 'Revoked') return { code: row.revoked_code ?? 4008 };
    return this.unwrapRow(row);
  }

  private unwrapRow(row: Row): Buffer | { code: number } {
    const accountId = row.account_id;
    const cached = this.cache.get(accountId.toLowerCase());
    if (cached) return cached;
    let dataKey: Buffer;
    if (!row.key_uri) {
      dataKey = privateDecrypt({ key: this.serviceKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, row.wrapped_key);
    } else {
      const access = this.customerKey(row.key_uri, row.key_version ?? undefined);
      if (!access.ok) return { code: access.code };
      try {
        dataKey = unwrap(access.key, ALG, row.wrapped_key);
      } catch {
        return { code: 4005 };
      }
    }
    this.cache.set(accountId.toLowerCase(), dataKey);
    return dataKey;
  }

  status(accountId: string): KeyStatus | undefined {
    const row = this.row(accountId);
    if (!row) return undefined;
    return {
      customerManaged: !!row.key_uri,
      state: row.state,
      ...(row.revoked_code ? { code: row.revoked_code } : {}),
      ...(row.revoked_since ? { revokedSince: row.revoked_since } : {}),
      ...(row.key_version ? { keyVersion: row.key_version } : {}),
      versionChangedAt: row.version_changed_at,
    };
  }

  /** One pass of the monitor over every customer-managed key. */
  checkAll(): void {
    const rows = prepared(this.db, 'select account_id from account_keys where key_uri is not null').all() as { account_id: string }[];
    for (const r of rows) this.db.transaction(() => this.check(r.account_id))();
  }

  check(accountId: string): void {
    const row = this.row(accountId);
    if (!row?.key_uri) return;
    const now = new Date().toISOString();
    const access = this.customerKey(row.key_uri);
    const revoke = (code: number) => {
      this.cache.delete(accountId.toLowerCase());
      prepared(this.db, "update account_keys set state = 'Revoked', revoked_code = ?, revoked_since = coalesce(revoked_since, ?), checked_at = ? where account_id = ?")
        .run(code, now, now, accountId);
    };
    if (!access.ok) return revoke(access.code);
    if (row.wrapped_key.length === 0) {
      // Never provisioned (the key was unreachable when the account got here): make its data key now.
      this.provision(accountId, row.key_uri);
      return;
    }
    if (row.state === 'Revoked') {
      // Access is back: the data key must unwrap again with the version that wrapped it, before anything changes.
      const dataKey = this.unwrapRow(row);
      if (!Buffer.isBuffer(dataKey)) return revoke(dataKey.code);
      prepared(this.db, "update account_keys set state = 'Accessible', revoked_code = null, revoked_since = null where account_id = ?").run(accountId);
    }
    if (access.key.version !== row.key_version) {
      // A new version: re-wrap the same data key with it, in the background; requests go on with the cached key.
      const dataKey = this.dataKey(accountId);
      if (!Buffer.isBuffer(dataKey)) return revoke(dataKey.code);
      prepared(this.db, 'update account_keys set key_version = ?, wrapped_key = ?, version_changed_at = ? where account_id = ?')
        .run(access.key.version, wrap(access.key, ALG, dataKey), now, accountId);
    }
    prepared(this.db, 'update account_keys set checked_at = ? where account_id = ?').run(now, accountId);
  }
}
