/** Naming rules of Azure API for FHIR and Resource Manager, as plain checks that return a message or undefined. */

export const ACCOUNT_NAME_RULE = 'The account name must be 3–24 characters: lower-case letters, digits and hyphens, starting and ending with a letter or digit.';

export function accountNameProblem(name: string): string | undefined {
  if (!name) return 'Enter an account name.';
  if (name.length < 3) return 'The account name must be at least 3 characters.';
  if (name.length > 24) return 'The account name can be at most 24 characters.';
  if (/[A-Z]/.test(name)) return 'The account name can contain only lower-case letters.';
  if (!/^[a-z0-9-]+$/.test(name)) return 'The account name can contain only lower-case letters, digits and hyphens.';
  if (name.startsWith('-') || name.endsWith('-')) return 'The account name must start and end with a letter or digit.';
  return undefined;
}

export function resourceGroupNameProblem(name: string): string | undefined {
  if (!name) return 'Enter a resource group name.';
  if (name.length > 90) return 'The resource group name can be at most 90 characters.';
  if (!/^[-\w._()]+$/u.test(name)) return 'The resource group name can contain only letters, digits, underscores, hyphens, periods and parentheses.';
  if (name.endsWith('.')) return "The resource group name can't end with a period.";
  return undefined;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TagRow {
  id: string;
  name: string;
  value: string;
}

export const MAX_TAGS = 50;
const FORBIDDEN_TAG_NAME = /[<>%&\\?/]/;

/** Azure's tag rules: at most 50, names 1–512 characters without < > % & \ ? /, values up to 256, names unique (case-insensitive). */
export function tagProblems(rows: readonly TagRow[]): Map<string, { name?: string; value?: string }> {
  const problems = new Map<string, { name?: string; value?: string }>();
  const filled = rows.filter((r) => r.name.trim() || r.value.trim());
  const seen = new Map<string, string>();
  filled.forEach((row, index) => {
    const p: { name?: string; value?: string } = {};
    const name = row.name.trim();
    if (!name) p.name = 'Enter a tag name, or clear the value.';
    else if (name.length > 512) p.name = 'A tag name can be at most 512 characters.';
    else if (FORBIDDEN_TAG_NAME.test(name)) p.name = 'A tag name cannot contain < > % & \\ ? or /.';
    else if (/^(microsoft|azure|windows)/i.test(name)) p.name = "Tag names can't start with 'microsoft', 'azure' or 'windows'.";
    else if (seen.has(name.toLowerCase())) p.name = `The tag name '${name}' is used twice; tag names are not case-sensitive.`;
    if (row.value.length > 256) p.value = 'A tag value can be at most 256 characters.';
    if (index >= MAX_TAGS) p.name = `A resource can have at most ${MAX_TAGS} tags.`;
    seen.set(name.toLowerCase(), row.id);
    if (p.name || p.value) problems.set(row.id, p);
  });
  return problems;
}

export function tagsObject(rows: readonly TagRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value]));
}
