import { lazy, Suspense, useEffect } from 'react';
import { FluentProvider, makeStyles, Spinner, tokens, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { IPublicClientApplication } from '@azure/msal-browser';
import type { Environment } from '../config/environment';
import { SessionProvider, useSession } from '../auth/session';
import { TopBar } from '../components/TopBar';
import { SignedOutPage } from './SignedOutPage';
import { useHashRoute } from './useHashRoute';

const AccountListPage = lazy(() => import('../features/accounts/AccountListPage'));

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  loading: { padding: tokens.spacingHorizontalXXL },
});

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } },
});

function Shell() {
  const styles = useStyles();
  const session = useSession();
  const route = useHashRoute();
  const signedIn = session.account !== null;
  const signedOutPage = route === '/signed-out';

  useEffect(() => {
    // Signed out and not on the signed-out page: go straight to sign-in, as the Azure portal does.
    if (!signedIn && !signedOutPage) void session.signIn();
  }, [signedIn, signedOutPage, session]);

  return (
    <div className={styles.root}>
      <TopBar
        environmentLabel={session.env.label}
        userName={session.account?.name ?? session.account?.username}
        onSignOut={signedIn ? () => void session.signOut() : undefined}
      />
      {!signedIn ? (
        signedOutPage ? <SignedOutPage onSignIn={() => void session.signIn()} /> : <Spinner className={styles.loading} label="Signing in…" />
      ) : (
        <Suspense fallback={<Spinner className={styles.loading} label="Loading…" />}>
          <AccountListPage />
        </Suspense>
      )}
    </div>
  );
}

export function App({ env, msal }: { env: Environment; msal: IPublicClientApplication }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider env={env} msal={msal}>
          <Shell />
        </SessionProvider>
      </QueryClientProvider>
    </FluentProvider>
  );
}
