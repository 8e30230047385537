import type { WizardState } from './wizardState';

const PREFIX = 'fhir-cmk-portal:create-draft';
const keyFor = (accountId: string) => `${PREFIX}:${accountId}`;

/**
 * The wizard's draft lives in session storage, per signed-in user: a reload keeps it, closing the tab
 * or signing out ends it, and another user signing in in the same tab never sees it.
 */
export function loadDraft(accountId: string): WizardState | undefined {
  try {
    const raw = sessionStorage.getItem(keyFor(accountId));
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as { version?: number; state?: WizardState };
    return parsed.version === 1 && parsed.state && Array.isArray(parsed.state.tags) ? parsed.state : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(accountId: string, state: WizardState): void {
  try {
    sessionStorage.setItem(keyFor(accountId), JSON.stringify({ version: 1, state }));
  } catch {
    // Storage full or blocked: the wizard still works, without surviving a reload.
  }
}

export function clearDraft(accountId: string): void {
  sessionStorage.removeItem(keyFor(accountId));
}

