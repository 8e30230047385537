/** A role's permissions as Microsoft.Authorization/permissions lists them. */
export interface PermissionSet {
  actions?: string[];
  notActions?: string[];
}

/** Azure's action patterns: `*` matches any run of characters, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return regex.test(action);
}

/** Allowed when one permission set grants the action and does not exclude it. */
export function actionAllowed(sets: readonly PermissionSet[], action: string): boolean {
  return sets.some(
    (s) => (s.actions ?? []).some((a) => actionMatches(a, action)) && !(s.notActions ?? []).some((n) => actionMatches(n, action)),
  );
}
