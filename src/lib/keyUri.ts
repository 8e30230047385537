/**
 * Validation of the "Key URI" an operator types or pastes for a customer-managed key:
 * `https://{vault}.{suffix}/keys/{key}` or `https://{vault}.{suffix}/keys/{key}/{version}`.
 *
 * Pure: no DOM, no Azure SDK. The checks run on the raw (trimmed) text rather than on what the
 * WHATWG URL parser makes of it, because that parser quietly repairs input Key Vault would not
 * accept (it drops `:443` and tabs, turns `\` into `/`, resolves `..`, decodes `%41` in hosts).
 */

export interface KeyUriParts {
  vault: string;
  host: string;
  key: string;
  version?: string;
  /** https://{host}/keys/{key} */
  versionless: string;
}

export type KeyUriProblem =
  | 'empty' | 'not-url' | 'not-https' | 'port' | 'credentials' | 'query' | 'fragment' | 'wrong-host'
  | 'bad-vault-name' | 'missing-keys' | 'missing-key-name' | 'bad-key-name' | 'bad-version' | 'extra-segments';

export type KeyUriResult =
  | { ok: true; parts: KeyUriParts; /** the trimmed input */ value: string; versioned: boolean }
  | { ok: false; problem: KeyUriProblem; message: string };

/** Why the form warns about (or rejects) a URI that pins a key version. */
export const VERSIONED_KEY_URI_REASON = 'Azure API for FHIR uses the latest version of the key automatically';

const DEFAULT_SUFFIX = 'vault.azure.net';
const VAULT_NAME_RULE =
  'are 3 to 24 characters long, use only letters, digits and hyphens, start with a letter, end with a letter or digit, and have no consecutive hyphens';
const KEY_NAME = /^[0-9A-Za-z-]{1,127}$/;
const KEY_VERSION = /^[0-9A-Fa-f]{32}$/;
// Control characters (tabs, line breaks…) inside the value; the URL parser would silently drop some.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function fail(problem: KeyUriProblem, message: string): KeyUriResult {
  return { ok: false, problem, message };
}

/** Quotes user text for a message, shortened so a long paste doesn't swamp it. */
function quote(text: string, max = 40): string {
  const chars = Array.from(text);
  return `"${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text}"`;
}

function normalizeSuffixes(suffixes: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of Array.isArray(suffixes) ? suffixes : []) {
    if (typeof s !== 'string') continue;
    const n = s.trim().toLowerCase().replace(/^\.+/, '').replace(/\.+$/, '');
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/** ".a, .b or .c" */
function listSuffixes(suffixes: readonly string[]): string {
  const dotted = suffixes.map((s) => `.${s}`);
  if (dotted.length <= 1) return dotted.join('');
  return `${dotted.slice(0, -1).join(', ')} or ${dotted[dotted.length - 1]}`;
}

function isHsm(suffix: string): boolean {
  return suffix.startsWith('managedhsm.');
}

/** Why a vault (or Managed HSM) name breaks the naming rule, or undefined when it is valid. */
function vaultNameFault(name: string): string | undefined {
  const length = Array.from(name).length;
  if (length < 3) return 'is too short';
  if (length > 24) return `is ${length} characters long`;
  if (!/^[a-z0-9-]+$/i.test(name)) {
    if (name.includes('.')) return 'has a dot in it';
    return 'contains characters other than letters, digits and hyphens';
  }
  if (!/^[a-z]/i.test(name)) return "doesn't start with a letter";
  if (name.endsWith('-')) return 'ends with a hyphen';
  if (name.includes('--')) return 'has consecutive hyphens';
  return undefined;
}

function keyNameFault(name: string): string {
  const length = Array.from(name).length;
  if (length > 127) return `is ${length} characters long`;
  return 'contains characters other than letters, digits and hyphens';
}

/**
 * Checks a Key Vault key URI as typed by an operator. Never throws; on success, `value` is the trimmed
 * input and `parts.versionless` is the URI without its version.
 */
export function validateKeyUri(input: string, suffixes: readonly string[]): KeyUriResult {
  try {
    return validate(input, suffixes);
  } catch {
    // Defensive only: nothing in validate() is expected to throw.
    return fail('not-url', "This key URI couldn't be read. Enter it again as https://{vault}.{Key Vault DNS suffix}/keys/{key}.");
  }
}

function validate(input: string, suffixList: readonly string[]): KeyUriResult {
  const suffixes = normalizeSuffixes(suffixList);
  const firstSuffix = suffixes[0] ?? DEFAULT_SUFFIX;
  const example = `https://{vault}.${firstSuffix}/keys/{key}`;
  const value = (typeof input === 'string' ? input : '').trim();

  if (value === '') return fail('empty', `Enter the key URI, for example ${example}.`);

  if (CONTROL.test(value)) {
    return fail('not-url', 'The key URI contains a tab or line break. Paste it again as a single line, without tabs or line breaks.');
  }

  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1];
  // "myvault.vault.azure.net/keys/k" and "myvault.vault.azure.net:443/keys/k" have no scheme at all
  // (the second parses as one named "myvault.vault.azure.net").
  if (!url || !scheme || scheme.includes('.')) {
    if (/^[^/\s:]+\.[^/\s]*(\/|$)/.test(value.replace(/^\/\//, '')) || (scheme?.includes('.') ?? false)) {
      return fail('not-url', `The key URI has to start with https://. Add it in front, for example ${example}.`);
    }
    if (/\s/.test(value)) {
      return fail('not-url', `The key URI can't contain spaces. Enter it as a single address, for example ${example}.`);
    }
    return fail('not-url', `This isn't a valid URL. Enter the full key URI, for example ${example}.`);
  }

  if (scheme.toLowerCase() !== 'https') {
    return fail('not-https', `Key Vault only accepts https key URIs, and this one uses ${scheme.toLowerCase()}. Change it to start with https://.`);
  }
  if (!/^https:\/\//i.test(value)) {
    return fail('not-url', `The key URI has to start with https:// (with two slashes), for example ${example}.`);
  }
  if (value.includes('\\')) {
    return fail('not-url', `The key URI contains a backslash (\\). Use forward slashes (/) instead, for example ${example}.`);
  }

  const rest = value.slice('https://'.length);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const afterAuthority = authorityEnd === -1 ? '' : rest.slice(authorityEnd);

  if (authority.includes('@')) {
    return fail('credentials', 'Remove the user name and password (everything up to and including the @) from the key URI. Key Vault signs in with Microsoft Entra ID, not credentials in the URI.');
  }

  // An IPv6 literal keeps its colons inside brackets; any colon after the host starts a port.
  const hostEnd = authority.startsWith('[') ? authority.indexOf(']') + 1 || authority.length : 0;
  const portAt = authority.indexOf(':', hostEnd);
  if (portAt !== -1) {
    const port = authority.slice(portAt, portAt + 12);
    return fail('port', `Remove the port (${port}) after the host. Key Vault key URIs don't include a port, not even :443.`);
  }

  const queryAt = afterAuthority.indexOf('?');
  const fragmentAt = afterAuthority.indexOf('#');
  if (queryAt !== -1 && (fragmentAt === -1 || queryAt < fragmentAt)) {
    return fail('query', `Remove the query string (from the ? onwards) from the key URI. A key URI is just ${example}.`);
  }
  if (fragmentAt !== -1) {
    return fail('fragment', `Remove the fragment (from the # onwards) from the key URI. A key URI is just ${example}.`);
  }
  const path = afterAuthority;

  const host = authority.toLowerCase();
  if (host === '') {
    return fail('wrong-host', `The key URI has no vault host after https://. Enter it as ${example}.`);
  }
  if (suffixes.length === 0) {
    return fail('wrong-host', `No Key Vault DNS suffixes are configured for this cloud, so the host ${quote(host)} can't be checked. Ask your administrator to check the portal's configuration.`);
  }
  let suffix: string | undefined;
  for (const s of suffixes) {
    if ((host === s || host.endsWith(`.${s}`)) && (suffix === undefined || s.length > suffix.length)) suffix = s;
  }
  if (suffix === undefined && host.endsWith('.') && suffixes.some((s) => host.replace(/\.+$/, '').endsWith(`.${s}`))) {
    return fail('wrong-host', `The host ${quote(host, 60)} ends with a dot. Remove the dot at the end of the host, for example ${example}.`);
  }
  if (suffix === undefined) {
    return fail('wrong-host', `The host ${quote(host, 60)} isn't a Key Vault host. Use a vault host that ends in ${listSuffixes(suffixes)}, for example ${example}.`);
  }

  const noun = isHsm(suffix) ? 'Managed HSM name' : 'vault name';
  const Noun = isHsm(suffix) ? 'Managed HSM names' : 'Vault names';
  if (host === suffix) {
    return fail('bad-vault-name', `The host ${quote(host)} has no ${noun} in front of .${suffix}. Add it, for example https://{vault}.${suffix}/keys/{key}.`);
  }
  const vault = host.slice(0, -(suffix.length + 1));
  const vaultFault = vaultNameFault(vault);
  if (vaultFault !== undefined) {
    return fail('bad-vault-name', `The ${noun} ${quote(vault, 30)} ${vaultFault}. ${Noun} ${VAULT_NAME_RULE}.`);
  }

  const base = `https://${host}`;
  const segments = path === '' ? [] : path.slice(1).split('/');
  // One trailing slash, after the key name or the version, is tolerated.
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const [collection = '', key, version] = segments;

  if (collection !== 'keys') {
    const kind = collection.toLowerCase();
    if (collection === '') {
      return fail('missing-keys', `The key URI stops after the vault host. Add /keys/ and the key name, for example ${base}/keys/{key}.`);
    }
    if (kind === 'keys') {
      return fail('missing-keys', `Write /keys/ in lower case after the vault host, for example ${base}/keys/{key}.`);
    }
    if (kind === 'secrets') {
      return fail('missing-keys', `This is a secret identifier (/secrets/), not a key. Use the URI of a key, which has /keys/ after the vault host, for example ${base}/keys/{key}.`);
    }
    if (kind === 'certificates') {
      return fail('missing-keys', `This is a certificate identifier (/certificates/), not a key. Use the URI of a key, which has /keys/ after the vault host, for example ${base}/keys/{key}.`);
    }
    return fail('missing-keys', `A key URI has /keys/ after the vault host, but this one has /${quote(collection, 30).slice(1, -1)}/. Enter it as ${base}/keys/{key}.`);
  }

  if (key === undefined || key === '') {
    return fail('missing-key-name', `The key URI has no key name after /keys/. Add the name of the key, for example ${base}/keys/{key}.`);
  }
  if (!KEY_NAME.test(key)) {
    return fail('bad-key-name', `The key name ${quote(key)} ${keyNameFault(key)}. Key names are 1 to 127 characters long and use only letters, digits and hyphens.`);
  }
  if (segments.length > 3) {
    return fail('extra-segments', `The key URI has more after /keys/{key}/{version}. Remove the extra parts so it reads ${base}/keys/${key}, optionally followed by /{version}.`);
  }

  const versionless = `${base}/keys/${key}`;
  if (version === undefined) {
    return { ok: true, value, versioned: false, parts: { vault, host, key, versionless } };
  }
  if (!KEY_VERSION.test(version)) {
    if (version === '') {
      return fail('bad-version', `The key URI has an empty version after the key name. Remove the extra slash so it reads ${versionless}.`);
    }
    const length = Array.from(version).length;
    const fault = length === 32 ? 'contains characters other than 0-9 and a-f' : `is ${length} characters long`;
    return fail('bad-version', `The key version ${quote(version, 40)} ${fault}, but a version is 32 hexadecimal characters. Copy it from the key in Key Vault, or remove it to use ${versionless}.`);
  }
  return { ok: true, value, versioned: true, parts: { vault, host, key, version, versionless } };
}
