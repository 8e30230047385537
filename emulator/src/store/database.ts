import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

const SCHEMA = `
create table if not exists meta (key text primary key, value text not null);
create table if not exists subscriptions (
  id text primary key, display_name text not null, tenant_id text not null, state text not null
);
create table if not exists role_assignments (
  principal_id text not null, scope text not null collate nocase, role text not null,
  primary key (principal_id, scope, role)
);
create table if not exists resources (
  id text primary key collate nocase,
  subscription_id text not null collate nocase,
  resource_group text collate nocase,
  type text not null collate nocase,
  name text not null collate nocase,
  body text not null,
  etag text not null
);
create index if not exists resources_by_scope on resources (subscription_id, type, resource_group, name);
create table if not exists vault_keys (
  vault text not null collate nocase, name text not null collate nocase, version text not null,
  created integer not null, updated integer not null,
  enabled integer not null, nbf integer, exp integer,
  kty text not null, size integer, crv text, key_ops text not null, tags text not null,
  public_jwk text not null, private_pem text not null,
  primary key (vault, name, version)
);
create table if not exists deleted_keys (
  vault text not null collate nocase, name text not null collate nocase,
  deleted integer not null, scheduled_purge integer not null,
  primary key (vault, name)
);
create table if not exists operations (
  id text primary key,
  subscription_id text not null, location text not null, resource_id text not null collate nocase,
  kind text not null, status text not null,
  start_time text not null, end_time text, due integer not null,
  error text
);
create index if not exists operations_running on operations (status, due);
create index if not exists operations_by_resource on operations (resource_id, status);
create table if not exists account_keys (
  account_id text primary key collate nocase,
  key_uri text,
  key_version text,
  wrapped_key blob not null,
  wrap_alg text not null,
  version_changed_at text not null,
  state text not null default 'Accessible',
  revoked_code integer,
  revoked_since text,
  checked_at text
);
create table if not exists fhir_resources (
  account_id text not null collate nocase, type text not null, id text not null,
  version integer not null, last_updated text not null, deleted integer not null default 0,
  iv blob, ciphertext blob,
  primary key (account_id, type, id)
);
create table if not exists refresh_tokens (
  token_hash text primary key, principal_id text not null, client_id text not null, expires integer not null
);
`;

/** Opens (and creates) the emulator's SQLite file, or an in-memory database for `:memory:`. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  return db;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per database and SQL text (preparing is the costly part). */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('select value from meta where key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('insert into meta (key, value) values (?, ?) on conflict(key) do update set value = excluded.value').run(key, value);
}
