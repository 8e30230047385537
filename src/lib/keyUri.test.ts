import { describe, expect, it } from 'vitest';
import { VERSIONED_KEY_URI_REASON, validateKeyUri, type KeyUriParts, type KeyUriProblem } from './keyUri';

const PUBLIC = ['vault.azure.net', 'managedhsm.azure.net'] as const;
const CHINA = ['vault.azure.cn', 'managedhsm.azure.cn'] as const;
const GOV = ['vault.usgovcloudapi.net', 'managedhsm.usgovcloudapi.net'] as const;
const EMULATOR = ['vault.localhost'] as const;

const V = '0123456789abcdef0123456789abcdef';
const KV = 'https://contoso-kv.vault.azure.net';

interface Case {
  input: string;
  suffixes?: readonly string[];
  /** A problem code, or the parts of a valid URI. */
  expected: KeyUriProblem | KeyUriParts;
  /** Extra check on the message of a failure. */
  message?: RegExp;
}

const ok = (host: string, key: string, version?: string): KeyUriParts => ({
  vault: host.slice(0, host.indexOf('.')),
  host,
  key,
  ...(version === undefined ? {} : { version }),
  versionless: `https://${host}/keys/${key}`,
});

const CASES: Case[] = [
  // ---- valid, in every cloud ----
  { input: `${KV}/keys/fhir-cmk`, expected: ok('contoso-kv.vault.azure.net', 'fhir-cmk') },
  { input: `${KV}/keys/fhir-cmk/${V}`, expected: ok('contoso-kv.vault.azure.net', 'fhir-cmk', V) },
  { input: 'https://contoso-kv.vault.azure.cn/keys/k1', suffixes: CHINA, expected: ok('contoso-kv.vault.azure.cn', 'k1') },
  { input: 'https://contoso-kv.vault.usgovcloudapi.net/keys/k1', suffixes: GOV, expected: ok('contoso-kv.vault.usgovcloudapi.net', 'k1') },
  { input: `https://contoso-hsm.managedhsm.azure.net/keys/k1/${V}`, expected: ok('contoso-hsm.managedhsm.azure.net', 'k1', V) },
  { input: 'https://contoso-hsm.managedhsm.usgovcloudapi.net/keys/k1', suffixes: GOV, expected: ok('contoso-hsm.managedhsm.usgovcloudapi.net', 'k1') },
  { input: 'https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk', suffixes: EMULATOR, expected: ok('contoso-cmk-kv.vault.localhost', 'fhir-cmk') },
  { input: '  https://contoso-kv.vault.azure.net/keys/fhir-cmk  ', expected: ok('contoso-kv.vault.azure.net', 'fhir-cmk') },
  { input: '\thttps://contoso-kv.vault.azure.net/keys/fhir-cmk\n', expected: ok('contoso-kv.vault.azure.net', 'fhir-cmk') },
  { input: `\r\n ${KV}/keys/fhir-cmk/${V} \n\t`, expected: ok('contoso-kv.vault.azure.net', 'fhir-cmk', V) },
  { input: 'https://Contoso-KV.Vault.Azure.NET/keys/Fhir-CMK', expected: ok('contoso-kv.vault.azure.net', 'Fhir-CMK') },
  { input: 'HTTPS://CONTOSO-KV.VAULT.AZURE.NET/keys/k', expected: ok('contoso-kv.vault.azure.net', 'k') },
  { input: `${KV}/keys/fhir-cmk/`, expected: ok('contoso-kv.vault.azure.net', 'fhir-cmk') },
  { input: `${KV}/keys/fhir-cmk/${V}/`, expected: ok('contoso-kv.vault.azure.net', 'fhir-cmk', V) },
  { input: `${KV}/keys/fhir-cmk/${V.toUpperCase()}`, expected: ok('contoso-kv.vault.azure.net', 'fhir-cmk', V.toUpperCase()) },
  { input: `https://abc.vault.azure.net/keys/${'k'.repeat(127)}`, expected: ok('abc.vault.azure.net', 'k'.repeat(127)) },
  { input: `https://a${'b'.repeat(22)}9.vault.azure.net/keys/-`, expected: ok(`a${'b'.repeat(22)}9.vault.azure.net`, '-') },
  { input: 'https://a-b-c.vault.azure.net/keys/0', expected: ok('a-b-c.vault.azure.net', '0') },

  // ---- empty ----
  { input: '', expected: 'empty', message: /^Enter the key URI, for example https:\/\/\{vault\}\.vault\.azure\.net\/keys\/\{key\}\.$/ },
  { input: ' \t\r\n ', suffixes: CHINA, expected: 'empty', message: /https:\/\/\{vault\}\.vault\.azure\.cn\/keys\/\{key\}/ },
  { input: '\n', suffixes: EMULATOR, expected: 'empty', message: /vault\.localhost/ },

  // ---- not-url ----
  { input: 'contoso-kv.vault.azure.net/keys/fhir-cmk', expected: 'not-url', message: /start with https:\/\// },
  { input: 'contoso-kv.vault.azure.net:443/keys/fhir-cmk', expected: 'not-url', message: /start with https:\/\// },
  { input: 'fhir-cmk', expected: 'not-url', message: /^This isn't a valid URL\. Enter the full key URI/ },
  { input: '//contoso-kv.vault.azure.net/keys/fhir-cmk', expected: 'not-url', message: /start with https:\/\// },
  { input: 'https://', expected: 'not-url' },
  { input: 'https://contoso kv.vault.azure.net/keys/k', expected: 'not-url', message: /spaces/ },
  { input: 'https:contoso-kv.vault.azure.net/keys/k', expected: 'not-url', message: /two slashes/ },
  { input: 'https://contoso-kv.vault.azure.net\\keys\\k', expected: 'not-url', message: /backslash/ },
  { input: 'https://contoso-kv.vault.azure.net/keys/\tk', expected: 'not-url', message: /tab or line break/ },
  { input: 'https://contoso-kv.vault.azure.net/keys/\nk', expected: 'not-url' },

  // ---- not-https ----
  { input: 'http://contoso-kv.vault.azure.net/keys/fhir-cmk', expected: 'not-https', message: /only accepts https key URIs, and this one uses http\. Change it to start with https:\/\/\.$/ },
  { input: 'ftp://contoso-kv.vault.azure.net/keys/fhir-cmk', expected: 'not-https', message: /uses ftp\./ },
  { input: 'HTTP://contoso-kv.vault.azure.net/keys/fhir-cmk', expected: 'not-https' },
  { input: 'javascript:alert(1)', expected: 'not-https' },

  // ---- port ----
  { input: 'https://contoso-kv.vault.azure.net:443/keys/fhir-cmk', expected: 'port', message: /^Remove the port \(:443\)/ },
  { input: 'https://contoso-kv.vault.azure.net:8443/keys/fhir-cmk', expected: 'port' },
  { input: 'https://contoso-kv.vault.azure.net:/keys/fhir-cmk', expected: 'port' },

  // ---- credentials ----
  { input: 'https://user:secret@contoso-kv.vault.azure.net/keys/fhir-cmk', expected: 'credentials' },
  { input: 'https://user@contoso-kv.vault.azure.net/keys/fhir-cmk', expected: 'credentials' },

  // ---- query / fragment (a bare ? or # counts) ----
  { input: `${KV}/keys/fhir-cmk?api-version=7.4`, expected: 'query', message: /query string/ },
  { input: `${KV}/keys/fhir-cmk?`, expected: 'query' },
  { input: `${KV}?x=1`, expected: 'query' },
  { input: `${KV}/keys/fhir-cmk#versions`, expected: 'fragment', message: /fragment/ },
  { input: `${KV}/keys/fhir-cmk#`, expected: 'fragment' },
  { input: `${KV}/keys/fhir-cmk#a?b`, expected: 'fragment' },

  // ---- wrong-host ----
  {
    input: 'https://x.evilvault.azure.net/keys/k',
    expected: 'wrong-host',
    message: /^The host "x\.evilvault\.azure\.net" isn't a Key Vault host\. Use a vault host that ends in \.vault\.azure\.net or \.managedhsm\.azure\.net/,
  },
  { input: 'https://contoso-kv.vault.azure.net/keys/k', suffixes: CHINA, expected: 'wrong-host', message: /"contoso-kv\.vault\.azure\.net".*\.vault\.azure\.cn or \.managedhsm\.azure\.cn/ },
  { input: 'https://contoso-kv.vault.azure.net.evil.com/keys/k', expected: 'wrong-host' },
  { input: 'https://contoso-kv.vault.azure.net./keys/k', expected: 'wrong-host', message: /ends with a dot/ },
  { input: 'https://example.com/keys/k', suffixes: EMULATOR, expected: 'wrong-host', message: /"example\.com".*\.vault\.localhost/ },
  { input: 'https:///keys/k', expected: 'wrong-host', message: /no vault host/ },
  { input: 'https://[::1]/keys/k', expected: 'wrong-host' },

  // ---- bad-vault-name ----
  { input: 'https://vault.azure.net/keys/k', expected: 'bad-vault-name', message: /no vault name/ },
  { input: `https://${'a'.repeat(25)}.vault.azure.net/keys/k`, expected: 'bad-vault-name', message: /"a{25}" is 25 characters long\. Vault names are 3 to 24 characters/ },
  { input: 'https://contoso--kv.vault.azure.net/keys/k', expected: 'bad-vault-name', message: /"contoso--kv" has consecutive hyphens/ },
  { input: 'https://ab.vault.azure.net/keys/k', expected: 'bad-vault-name', message: /too short/ },
  { input: 'https://1contoso.vault.azure.net/keys/k', expected: 'bad-vault-name', message: /start with a letter/ },
  { input: 'https://contoso-.vault.azure.net/keys/k', expected: 'bad-vault-name', message: /ends with a hyphen/ },
  { input: 'https://contoso_kv.vault.azure.net/keys/k', expected: 'bad-vault-name' },
  { input: 'https://a.b.vault.azure.net/keys/k', expected: 'bad-vault-name', message: /dot/ },
  { input: 'https://contoso%2Dkv.vault.azure.net/keys/k', expected: 'bad-vault-name' },
  { input: 'https://bad_hsm.managedhsm.azure.net/keys/k', expected: 'bad-vault-name', message: /Managed HSM name/ },

  // ---- missing-keys ----
  { input: `${KV}/secrets/fhir-cmk`, expected: 'missing-keys', message: /secret identifier.*\/keys\// },
  { input: `${KV}/certificates/fhir-cmk/${V}`, expected: 'missing-keys', message: /certificate identifier/ },
  { input: KV, expected: 'missing-keys', message: /stops after the vault host/ },
  { input: `${KV}/`, expected: 'missing-keys' },
  { input: `${KV}/fhir-cmk`, expected: 'missing-keys', message: /has \/keys\/ after the vault host/ },
  { input: `${KV}/Keys/fhir-cmk`, expected: 'missing-keys', message: /lower case/ },
  { input: `${KV}//keys/fhir-cmk`, expected: 'missing-keys' },

  // ---- missing-key-name ----
  { input: `${KV}/keys`, expected: 'missing-key-name' },
  { input: `${KV}/keys/`, expected: 'missing-key-name', message: /no key name after \/keys\// },
  { input: `${KV}/keys//`, expected: 'missing-key-name' },

  // ---- bad-key-name ----
  { input: `${KV}/keys/${'k'.repeat(128)}`, expected: 'bad-key-name', message: /is 128 characters long/ },
  { input: `${KV}/keys/fhir_cmk`, expected: 'bad-key-name', message: /"fhir_cmk"/ },
  { input: `${KV}/keys/fhir%20cmk`, expected: 'bad-key-name' },
  { input: `${KV}/keys/fhir cmk`, expected: 'bad-key-name' },
  { input: `${KV}/keys/..`, expected: 'bad-key-name' },
  { input: `${KV}/keys/clé`, expected: 'bad-key-name' },

  // ---- bad-version ----
  { input: `${KV}/keys/fhir-cmk/${V.slice(1)}`, expected: 'bad-version', message: /is 31 characters long, but a version is 32 hexadecimal characters/ },
  { input: `${KV}/keys/fhir-cmk/${V.slice(1)}g`, expected: 'bad-version', message: /other than 0-9 and a-f/ },
  { input: `${KV}/keys/fhir-cmk/${V}0`, expected: 'bad-version' },
  { input: `${KV}/keys/fhir-cmk/versions`, expected: 'bad-version', message: /remove it to use https:\/\/contoso-kv\.vault\.azure\.net\/keys\/fhir-cmk\./ },
  { input: `${KV}/keys/fhir-cmk//`, expected: 'bad-version', message: /empty version/ },

  // ---- extra-segments ----
  { input: `${KV}/keys/fhir-cmk/${V}/extra`, expected: 'extra-segments', message: /Remove the extra parts/ },
  { input: `${KV}/keys/fhir-cmk/versions/${V}`, expected: 'extra-segments' },
  { input: `${KV}/keys/fhir-cmk/${V}//`, expected: 'extra-segments' },
];

const PROBLEMS: readonly KeyUriProblem[] = [
  'empty', 'not-url', 'not-https', 'port', 'credentials', 'query', 'fragment', 'wrong-host',
  'bad-vault-name', 'missing-keys', 'missing-key-name', 'bad-key-name', 'bad-version', 'extra-segments',
];

describe('validateKeyUri', () => {
  it('has a table that covers every problem at least twice', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    for (const problem of PROBLEMS) {
      expect(CASES.filter((c) => c.expected === problem).length, problem).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(CASES)('$input → $expected', ({ input, suffixes = PUBLIC, expected, message }) => {
    const result = validateKeyUri(input, suffixes);
    if (typeof expected === 'string') {
      expect(result).toMatchObject({ ok: false, problem: expected });
      if (result.ok) return;
      expect(result.message).toMatch(/^[A-Z].*\.$/s);
      if (message) expect(result.message).toMatch(message);
    } else {
      expect(result).toEqual({ ok: true, value: input.trim(), versioned: expected.version !== undefined, parts: expected });
    }
  });

  it('explains an unacceptable host by naming it and every accepted suffix', () => {
    const result = validateKeyUri('https://contoso.example.com/keys/k', [...PUBLIC, 'vault.localhost']);
    expect(result).toEqual({
      ok: false,
      problem: 'wrong-host',
      message:
        'The host "contoso.example.com" isn\'t a Key Vault host. Use a vault host that ends in .vault.azure.net, .managedhsm.azure.net or .vault.localhost, for example https://{vault}.vault.azure.net/keys/{key}.',
    });
  });

  it('says exactly what is wrong with a secret identifier', () => {
    expect(validateKeyUri(`${KV}/secrets/fhir-cmk`, PUBLIC)).toEqual({
      ok: false,
      problem: 'missing-keys',
      message:
        'This is a secret identifier (/secrets/), not a key. Use the URI of a key, which has /keys/ after the vault host, for example https://contoso-kv.vault.azure.net/keys/{key}.',
    });
  });

  it('states the vault naming rule', () => {
    const result = validateKeyUri('https://contoso--kv.vault.azure.net/keys/k', PUBLIC);
    expect(result).toEqual({
      ok: false,
      problem: 'bad-vault-name',
      message:
        'The vault name "contoso--kv" has consecutive hyphens. Vault names are 3 to 24 characters long, use only letters, digits and hyphens, start with a letter, end with a letter or digit, and have no consecutive hyphens.',
    });
  });

  it('does not echo credentials back', () => {
    const result = validateKeyUri('https://admin:hunter2@contoso-kv.vault.azure.net/keys/k', PUBLIC);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).not.toMatch(/hunter2|admin/);
  });

  it('matches suffixes case-insensitively and ignores a leading dot in the configuration', () => {
    expect(validateKeyUri('https://contoso-kv.vault.azure.net/keys/k', ['.Vault.Azure.Net']).ok).toBe(true);
  });

  it('rejects every host when no suffix is configured, without throwing', () => {
    expect(validateKeyUri(`${KV}/keys/k`, [])).toMatchObject({ ok: false, problem: 'wrong-host' });
    expect(validateKeyUri('', [])).toMatchObject({ ok: false, problem: 'empty', message: expect.stringContaining('vault.azure.net') });
  });

  it('keeps the key name as typed in the versionless URI and lower-cases the host', () => {
    const result = validateKeyUri(`HTTPS://Contoso-KV.VAULT.azure.net/keys/FHIR-Cmk/${V}/`, PUBLIC);
    expect(result).toMatchObject({
      ok: true,
      versioned: true,
      parts: { vault: 'contoso-kv', host: 'contoso-kv.vault.azure.net', key: 'FHIR-Cmk', version: V, versionless: 'https://contoso-kv.vault.azure.net/keys/FHIR-Cmk' },
    });
  });

  it('exports the reason why a versioned URI is discouraged', () => {
    expect(VERSIONED_KEY_URI_REASON).toBe('Azure API for FHIR uses the latest version of the key automatically');
  });
});

describe('validateKeyUri on arbitrary input', () => {
  // A small seeded PRNG (mulberry32), so a failure can be reproduced.
  function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const FRAGMENTS = [
    'https://', 'http://', 'ftp://', 'https:', '//', '/', '\\', 'contoso-kv', '.vault.azure.net', '.vault.azure.cn',
    '.managedhsm.azure.net', '.vault.localhost', 'vault.azure.net', '/keys', '/keys/', '/secrets/', 'fhir-cmk', V, V.slice(3),
    ':443', ':', '@', 'user:pw@', '?', '#', '?api-version=7.4', '%20', '%2F', '..', '.', '-', '--', ' ', '\t', '\n', '[', ']',
    '[::1]', 'é', '\u0000', '\u200b', '\ud83d\ude00', '\ud800', 'xn--', 'A'.repeat(130), 'ß', 'İ',
  ];

  function randomString(next: () => number): string {
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const length = Math.floor(next() * 12);
    switch (Math.floor(next() * 4)) {
      case 0: // random bytes, as Latin-1 characters
        return Array.from({ length: length * 4 }, () => String.fromCharCode(Math.floor(next() * 256))).join('');
      case 1: // random UTF-16 code units, lone surrogates included
        return Array.from({ length: length * 3 }, () => String.fromCharCode(Math.floor(next() * 0x10000))).join('');
      case 2: // fragments of valid URIs in any order
        return Array.from({ length }, () => pick(FRAGMENTS)).join('');
      default: {
        // a valid URI with one random edit
        const base = `https://contoso-kv${pick(['.vault.azure.net', '.managedhsm.azure.net', '.vault.localhost'])}/keys/fhir-cmk${next() < 0.5 ? `/${V}` : ''}`;
        const at = Math.floor(next() * (base.length + 1));
        const edit = pick(FRAGMENTS);
        return next() < 0.5 ? base.slice(0, at) + edit + base.slice(at) : base.slice(0, at) + base.slice(at + 1 + Math.floor(next() * 5));
      }
    }
  }

  it('never throws and always returns a valid result or a known problem with a message', () => {
    const next = rng(0xc0ffee);
    const suffixSets = [PUBLIC, CHINA, GOV, EMULATOR, [...PUBLIC, ...EMULATOR]];
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const input = randomString(next);
      const suffixes = suffixSets[i % suffixSets.length] ?? PUBLIC;
      let result: ReturnType<typeof validateKeyUri>;
      try {
        result = validateKeyUri(input, suffixes);
      } catch (error) {
        throw new Error(`validateKeyUri threw for ${JSON.stringify(input)}: ${String(error)}`);
      }
      if (result.ok) {
        accepted++;
        const { parts } = result;
        expect(result.value, JSON.stringify(input)).toBe(input.trim());
        expect(parts.host).toBe(parts.host.toLowerCase());
        expect(suffixes.some((s) => parts.host === `${parts.vault}.${s}`), parts.host).toBe(true);
        expect(parts.versionless).toBe(`https://${parts.host}/keys/${parts.key}`);
        expect(result.versioned).toBe(parts.version !== undefined);
        expect(() => new URL(result.value)).not.toThrow();
        expect(result.value).toMatch(/^https:\/\//i);
        expect(result.value.slice('https://'.length)).not.toMatch(/[?#@\\:\s]/);
      } else {
        expect(PROBLEMS, JSON.stringify(input)).toContain(result.problem);
        expect(typeof result.message).toBe('string');
        expect(result.message.trim().length, JSON.stringify(input)).toBeGreaterThan(0);
      }
    }
    // The mutated URIs keep some valid ones, so the "ok" branch is exercised too.
    expect(accepted).toBeGreaterThan(0);
  });

  it('survives non-string input from untyped callers', () => {
    for (const bad of [undefined, null, 42, {}, []] as unknown[]) {
      expect(() => validateKeyUri(bad as string, PUBLIC)).not.toThrow();
      expect(() => validateKeyUri(`${KV}/keys/k`, bad as string[])).not.toThrow();
    }
  });
});
