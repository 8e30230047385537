import {
  Button, Link, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarGroup, MessageBarTitle, Spinner,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens,
} from '@fluentui/react-components';
import { Add20Regular, ArrowClockwise20Regular, LockClosed16Regular, ShieldKeyhole16Regular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { listFhirAccounts } from '../../azure/listFhirAccounts';
import { toAzureError } from '../../azure/armError';
import { locationDisplayName } from '../../lib/locations';
import { revokedCause } from '../../lib/cmkFailures';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalXXL },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase600 },
  commands: { display: 'flex', gap: tokens.spacingHorizontalS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingBottom: tokens.spacingVerticalS },
  encryption: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  revoked: { display: 'flex', flexDirection: 'column', color: tokens.colorPaletteRedForeground1, maxWidth: '360px' },
  empty: { padding: tokens.spacingVerticalXXL, textAlign: 'center', color: tokens.colorNeutralForeground3 },
});

export const ACCOUNTS_QUERY_KEY = ['fhir-accounts'] as const;

/** Home: every Azure API for FHIR account in every subscription the user can see. */
export default function AccountListPage() {
  const styles = useStyles();
  const { env, credential, account } = useSession();
  const query = useQuery({
    queryKey: [...ACCOUNTS_QUERY_KEY, account?.homeAccountId],
    queryFn: ({ signal }) => listFhirAccounts(env, credential, signal),
    // Key status changes on its own (rotation, revocation): follow it while the list is open.
    refetchInterval: 15_000,
  });

  return (
    <main className={styles.page} aria-labelledby="accounts-title">
      <div className={styles.header}>
        <h1 id="accounts-title" className={styles.title}>Azure API for FHIR</h1>
      </div>
      <div className={styles.commands} role="toolbar" aria-label="Commands">
        <Button as="a" href="#/create" appearance="subtle" icon={<Add20Regular />}>Create</Button>
        <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void query.refetch()} disabledFocusable={query.isPending}>
          Refresh
        </Button>
      </div>

      {query.isPending && <Spinner label="Loading Azure API for FHIR accounts…" labelPosition="after" />}

      {query.isError && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Couldn't list the accounts</MessageBarTitle>
            {(() => {
              const e = toAzureError(query.error);
              return `${e.code}: ${e.message}`;
            })()}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void query.refetch()}>Retry</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {query.data && (
        <>
          {query.data.failures.length > 0 && (
            <MessageBarGroup>
              {query.data.failures.map((f) => (
                <MessageBar key={f.subscriptionId} intent="warning">
                  <MessageBarBody>
                    <MessageBarTitle>Accounts of {f.subscriptionName} are missing</MessageBarTitle>
                    {f.error.code}: {f.error.message}
                  </MessageBarBody>
                </MessageBar>
              ))}
            </MessageBarGroup>
          )}
          <Text aria-live="polite">
            {query.data.accounts.length === 1 ? 'Showing 1 account' : `Showing ${query.data.accounts.length} accounts`} in{' '}
            {query.data.subscriptionCount === 1 ? '1 subscription' : `${query.data.subscriptionCount} subscriptions`}
          </Text>
          <Table aria-label="Azure API for FHIR accounts" size="medium">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Resource group</TableHeaderCell>
                <TableHeaderCell>Location</TableHeaderCell>
                <TableHeaderCell>Subscription</TableHeaderCell>
                <TableHeaderCell>Encryption</TableHeaderCell>
                <TableHeaderCell>Key status</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data.accounts.map((a) => (
                <TableRow key={a.id}>
                  <TableCell><Link href={`#/resource${a.id}`}>{a.name}</Link></TableCell>
                  <TableCell>{a.resourceGroup}</TableCell>
                  <TableCell>{locationDisplayName(a.location)}</TableCell>
                  <TableCell>{a.subscriptionName}</TableCell>
                  <TableCell>
                    <span className={styles.encryption} title={a.keyVaultKeyUri}>
                      {a.encryption === 'Customer-managed key' ? <ShieldKeyhole16Regular aria-hidden /> : <LockClosed16Regular aria-hidden />}
                      {a.encryption}
                    </span>
                  </TableCell>
                  <TableCell>
                    {a.cmk ? (
                      a.cmk.revoked ? (
                        <span className={styles.revoked}>
                          <Text weight="semibold">Revoked</Text>
                          <Text size={200}>{revokedCause(a.cmk.message).cause} {revokedCause(a.cmk.message).fix}</Text>
                        </span>
                      ) : 'Accessible'
                    ) : a.encryption === 'Customer-managed key' ? 'Not reported' : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {query.data.accounts.length === 0 && (
            <div className={styles.empty}>
              <Text weight="semibold">No Azure API for FHIR accounts to display</Text>
              <br />
              <Text>None of your {query.data.subscriptionCount} subscriptions has an account you can see.</Text>
            </div>
          )}
        </>
      )}
    </main>
  );
}
