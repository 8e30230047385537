import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { AccountInfo, IPublicClientApplication } from '@azure/msal-browser';
import type { TokenCredential } from '@azure/core-auth';
import type { Environment } from '../config/environment';
import { MsalCredential } from './msalCredential';
import { SIGNED_OUT_PATH } from './msal';

export interface Session {
  env: Environment;
  msal: IPublicClientApplication;
  account: AccountInfo | null;
  credential: TokenCredential;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider(props: { env: Environment; msal: IPublicClientApplication; children: ReactNode }) {
  const { env, msal } = props;
  const account = msal.getActiveAccount();
  const session = useMemo<Session>(
    () => ({
      env,
      msal,
      account,
      credential: new MsalCredential(msal, `${window.location.origin}/redirect.html`),
      // After sign-in, back to the page that asked (a deep link stays), or home from the signed-out page.
      signIn: () =>
        msal.loginRedirect({
          scopes: [env.armScope],
          prompt: 'select_account',
          redirectStartPage: window.location.pathname === SIGNED_OUT_PATH ? `${window.location.origin}/` : window.location.href,
        }),
      signOut: () => {
        // Drafts and other per-user state of this tab end with the session.
        for (const k of Object.keys(sessionStorage)) if (k.startsWith('fhir-cmk-portal:')) sessionStorage.removeItem(k);
        return msal.logoutRedirect({ account: msal.getActiveAccount(), postLogoutRedirectUri: `${window.location.origin}${SIGNED_OUT_PATH}` });
      },
    }),
    [env, msal, account],
  );
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside SessionProvider.');
  return session;
}
