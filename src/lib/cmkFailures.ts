/** The fix for each Cosmos DB sub-status of a customer-managed key failure (the texts are fhir-server's). */
const FIXES: Record<number, string> = {
  4000: "Check the vault's tenant and Azure Cosmos DB's identity; then wait for access to be re-checked.",
  4001: 'Microsoft Entra ID was unavailable; access is re-checked automatically.',
  4002: "Enable the key (or create a new version), and make sure Azure Cosmos DB has Get, Wrap Key and Unwrap Key on the vault.",
  4003: "Recover the deleted key in the vault (soft delete keeps it for the vault's retention period).",
  4004: "Make sure the vault is reachable: public network access, or 'Allow trusted Microsoft services to bypass this firewall'.",
  4005: 'Re-enable the key version the data key was wrapped with, then create a new version to re-wrap it.',
  4006: 'Fix the key URI in the Database blade.',
  4008: 'Check the vault and the key in Key Vault; access is re-checked automatically.',
  4009: "Check that the vault exists (recover it if it was deleted) and that its name in the key URI is right.",
};

/** Reads the sub-status and text out of Cosmos DB's revoked status message, and gives the fix. */
export function revokedCause(message: string): { code?: number; cause: string; fix: string } {
  const m = /\((\d{4}): ([^)]*)\)/.exec(message);
  const code = m ? Number(m[1]) : undefined;
  return {
    ...(code ? { code } : {}),
    cause: m?.[2] ?? message,
    fix: (code !== undefined ? FIXES[code] : undefined) ?? 'Check the key and its vault in Key Vault; access is re-checked automatically.',
  };
}
