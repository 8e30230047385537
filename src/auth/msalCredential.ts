import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { InteractionRequiredAuthError, type IPublicClientApplication } from '@azure/msal-browser';

/**
 * A TokenCredential for the Azure SDK clients, backed by MSAL: silent first (cache, then refresh
 * token); a redirect to sign in again only when Entra ID says interaction is required.
 */
export class MsalCredential implements TokenCredential {
  /** `silentRedirectUri`: the redirect bridge page MSAL's hidden-iframe renewal returns to. */
  constructor(private readonly msal: IPublicClientApplication, private readonly silentRedirectUri?: string) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    const account = this.msal.getActiveAccount();
    if (!account) throw new Error('No account is signed in.');
    const request = { scopes: Array.isArray(scopes) ? scopes : [scopes], account, ...(options?.claims ? { claims: options.claims } : {}) };
    try {
      const result = await this.msal.acquireTokenSilent({ ...request, ...(this.silentRedirectUri ? { redirectUri: this.silentRedirectUri } : {}) });
      return { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 300_000 };
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) {
        await this.msal.acquireTokenRedirect(request);
        // The page navigates away to sign in; this request never completes.
        return new Promise<never>(() => undefined);
      }
      throw error;
    }
  }
}
