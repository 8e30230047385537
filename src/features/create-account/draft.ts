import type { WizardState } from './wizardState';

const KEY = 'fhir-cmk-portal:create-draft';

/** The wizard's draft lives in session storage: a reload keeps it, closing the tab ends it. */
export function loadDraft(): WizardState | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as { version?: number; state?: WizardState };
    return parsed.version === 1 && parsed.state && Array.isArray(parsed.state.tags) ? parsed.state : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(state: WizardState): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ version: 1, state }));
  } catch {
    // Storage full or blocked: the wizard still works, without surviving a reload.
  }
}

export function clearDraft(): void {
  sessionStorage.removeItem(KEY);
}
