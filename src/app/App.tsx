import { lazy, Suspense, useEffect } from 'react';
import { FluentProvider, makeStyles, Spinner, Toaster, tokens, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { IPublicClientApplication } from '@azure/msal-browser';
import type { Environment } from '../config/environment';
import { SessionProvider, useSession } from '../auth/session';
import { NavigationProvider, useNavigation } from '../components/navigation';
import { SIGNED_OUT_PATH } from '../auth/msal';
import { NOTIFICATIONS_TOASTER_ID } from '../components/notifications';
import { TopBar } from '../components/TopBar';
import { SignedOutPage } from './SignedOutPage';
import { KeyPickerProvider } from '../features/key-picker/KeyPickerProvider';

// Blades load on demand: the first page stays small.
const AccountListPage = lazy(() => import('../features/accounts/AccountListPage'));
const CreateAccountBlade = lazy(() => import('../features/create-account/CreateAccountBlade'));
const AccountBlade = lazy(() => import('../features/database-blade/AccountBlade'));

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  loading: { padding: tokens.spacingHorizontalXXL },
});

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } },
});

const ACCOUNT_ROUTE = /^\/resource(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.HealthcareApis\/services\/[^/]+)(?:\/([a-z-]+))?$/i;

function Routes() {
  const { route } = useNavigation();
  if (route === '/create' || route.startsWith('/create/')) return <CreateAccountBlade />;
  const account = ACCOUNT_ROUTE.exec(route);
  if (account) return <AccountBlade key={account[1]!.toLowerCase()} resourceId={account[1]!} section={account[2] ?? 'overview'} />;
  return <AccountListPage />;
}

function Shell() {
  const styles = useStyles();
  const session = useSession();
  const signedIn = session.account !== null;
  const signedOutPage = window.location.pathname === SIGNED_OUT_PATH;

  useEffect(() => {
    // Signed out and not on the signed-out page: go straight to sign-in, as the Azure portal does.
    if (!signedIn && !signedOutPage) {
      session.signIn().catch((error: unknown) => {
        // A second request while the first redirect is starting (React's development double effects) is harmless.
        if ((error as { errorCode?: string }).errorCode !== 'interaction_in_progress') throw error;
      });
    }
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
        <KeyPickerProvider>
          <Suspense fallback={<Spinner className={styles.loading} label="Loading…" />}>
            <Routes />
          </Suspense>
        </KeyPickerProvider>
      )}
      <Toaster toasterId={NOTIFICATIONS_TOASTER_ID} position="top-end" pauseOnHover pauseOnWindowBlur />
    </div>
  );
}

export function App({ env, msal }: { env: Environment; msal: IPublicClientApplication }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider env={env} msal={msal}>
          <NavigationProvider>
            <Shell />
          </NavigationProvider>
        </SessionProvider>
      </QueryClientProvider>
    </FluentProvider>
  );
}
