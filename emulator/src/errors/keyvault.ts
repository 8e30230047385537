/** Key Vault's error wire format: `{ error: { code, message, innererror? } }`. */
export class KeyVaultError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body() {
    return { error: { code: this.code, message: this.message, ...(this.innerCode ? { innererror: { code: this.innerCode } } : {}) } };
  }
}

export const kvErrors = {
  missingToken: (challenge: string) =>
    new KeyVaultError(401, 'Unauthorized', 'Request is missing a Bearer or PoP token.', undefined, { 'www-authenticate': challenge }),
  invalidToken: (challenge: string, detail: string) =>
    new KeyVaultError(401, 'Unauthorized', `${detail}`, 'TokenValidationFailed', { 'www-authenticate': challenge }),
  badParameter: (message: string) => new KeyVaultError(400, 'BadParameter', message),
  missingApiVersion: () => new KeyVaultError(400, 'BadParameter', 'The request URI contains an invalid or missing api-version.'),
  unknownApiVersion: (v: string, latest: string) =>
    new KeyVaultError(400, 'BadParameter', `The specified version (${v}) is not recognized. Consider using the latest supported version (${latest}).`),
  forbiddenByPolicy: (operation: string) =>
    new KeyVaultError(403, 'Forbidden', `The operation "${operation}" is not enabled in this key vault's access policy.`, 'AccessDenied'),
  forbiddenByRbac: (caller: string, action: string, resource: string, vault: string) =>
    new KeyVaultError(
      403,
      'Forbidden',
      `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: ${caller}\r\nAction: '${action}'\r\nResource: '${resource}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: ${vault}\r\n`,
      'ForbiddenByRbac',
    ),
  keyNotFound: (name: string) =>
    new KeyVaultError(404, 'KeyNotFound',
      `A key with (name/id) ${name} was not found in this key vault. If you recently deleted this key you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`),
  deletedKeyNotFound: (name: string) => new KeyVaultError(404, 'KeyNotFound', `Deleted Key not found: ${name}`),
  deletedButRecoverable: (name: string) =>
    new KeyVaultError(409, 'Conflict',
      `Key ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the key can only be recovered or purged.`,
      'ObjectIsDeletedButRecoverable'),
  purgeProtected: () =>
    new KeyVaultError(403, 'Forbidden',
      'Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.'),
  keyDisabled: (op: string) => new KeyVaultError(403, 'Forbidden', `Operation ${op} is not allowed on a disabled key.`, 'KeyDisabled'),
  keyExpired: (op: string) => new KeyVaultError(403, 'Forbidden', `Operation ${op} is not allowed on an expired key.`, 'KeyExpired'),
  keyNotYetValid: (op: string) => new KeyVaultError(403, 'Forbidden', `Operation ${op} is not allowed before the key's activation date (nbf).`, 'KeyNotYetValid'),
  operationNotAllowed: (op: string) => new KeyVaultError(403, 'Forbidden', `Operation ${op} is not allowed for this key (not among its key_ops).`, 'KeyOperationForbidden'),
  vaultNotFound: (host: string) => new KeyVaultError(404, 'VaultNotFound', `No key vault answers at '${host}'. Check the vault name.`),
  notFound: (method: string, path: string) => new KeyVaultError(404, 'NotFound', `No operation matches ${method} ${path}.`),
  methodNotAllowed: (method: string) => new KeyVaultError(405, 'MethodNotAllowed', `The method '${method}' is not allowed on this resource.`),
  bodyTooLarge: () => new KeyVaultError(413, 'RequestEntityTooLarge', 'The request body is too large.'),
  throttled: (retryAfter: number) =>
    new KeyVaultError(429, 'Throttled', 'Operations per second have been exceeded for this vault. Please wait and retry.', undefined, { 'retry-after': String(retryAfter) }),
  unavailable: () => new KeyVaultError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please retry.', undefined, { 'retry-after': '1' }),
  internal: () => new KeyVaultError(500, 'InternalServerError', 'The emulator could not complete the request.'),
};
