/** Azure Resource Manager's error wire format: `{ error: { code, message, target? } }`. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: { code: string; message: string; target?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.target ? { target: this.target } : {}) } };
  }
}

const bearerChallenge = (description: string) => ({
  'www-authenticate': `Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="${description}"`,
});

export const armErrors = {
  missingToken: () =>
    new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", undefined,
      bearerChallenge("The authentication failed because of missing 'Authorization' header.")),
  malformedToken: () =>
    new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.", undefined,
      bearerChallenge('The access token is invalid.')),
  invalidToken: (detail: string) =>
    new ArmError(401, 'InvalidAuthenticationToken', `The access token is invalid. ${detail}`.trim(), undefined,
      bearerChallenge('The access token is invalid.')),
  expiredToken: (expiry: Date, now: Date) =>
    new ArmError(401, 'ExpiredAuthenticationToken',
      `The access token expiry UTC time '${expiry.toUTCString()}' is earlier than current UTC time '${now.toUTCString()}'.`, undefined,
      bearerChallenge('The access token expiry UTC time is earlier than current UTC time.')),
  wrongAudience: () =>
    new ArmError(401, 'InvalidAuthenticationTokenAudience',
      "The access token has been obtained for wrong audience or resource. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.",
      undefined, bearerChallenge('The access token has been obtained for wrong audience or resource.')),
  missingApiVersion: () =>
    new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.'),
  invalidApiVersion: (given: string, supported: readonly string[]) =>
    new ArmError(400, 'InvalidApiVersionParameter',
      `The api-version '${given}' is invalid. The supported versions are '${supported.join(',')}'.`),
  authorizationFailed: (principalId: string, action: string, scope: string) =>
    new ArmError(403, 'AuthorizationFailed',
      `The client '${principalId}' with object id '${principalId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`),
  subscriptionNotFound: (subscriptionId: string) =>
    new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`),
  resourceGroupNotFound: (name: string) =>
    new ArmError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`),
  resourceNotFound: (type: string, name: string, resourceGroup: string) =>
    new ArmError(404, 'ResourceNotFound',
      `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`),
  noRoute: (method: string, path: string) =>
    new ArmError(404, 'NoRegisteredProviderFound' , `No HTTP resource was found that matches the request URI '${path}' for method '${method}'.`),
  methodNotAllowed: (method: string) =>
    new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`),
  bodyTooLarge: () => new ArmError(413, 'RequestEntityTooLarge', 'The request content length exceeds the allowed limit.'),
  internal: () => new ArmError(500, 'InternalServerError', 'The emulator could not complete the request.'),
};
