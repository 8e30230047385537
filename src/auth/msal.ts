import { PublicClientApplication, type AccountInfo } from '@azure/msal-browser';
import type { Environment } from '../config/environment';

/** Where Entra ID sends the browser after sign-out: a path (registered redirect URIs carry no fragment). */
export const SIGNED_OUT_PATH = '/signed-out';

/** Creates MSAL for the environment, completes a redirect sign-in if one is under way, and picks the active account. */
export async function startMsal(env: Environment): Promise<PublicClientApplication> {
  const origin = window.location.origin;
  const msal = new PublicClientApplication({
    auth: {
      clientId: env.clientId,
      authority: env.authority,
      knownAuthorities: env.knownAuthorities,
      redirectUri: `${origin}/`,
      postLogoutRedirectUri: `${origin}${SIGNED_OUT_PATH}`,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msal.initialize();
  const result = await msal.handleRedirectPromise();
  const account: AccountInfo | null = result?.account ?? msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
  if (account) msal.setActiveAccount(account);
  return msal;
}
