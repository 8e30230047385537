import { makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, DismissCircle16Filled, Warning16Filled } from '@fluentui/react-icons';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useSession } from '../auth/session';
import { checkCustomerManagedKey, type KeyCheckResult } from '../azure/checkCustomerManagedKey';
import { toAzureError } from '../azure/armError';
import { listSubscriptions } from '../azure/listSubscriptions';
import { validateKeyUri } from '../lib/keyUri';
import { useDebounced } from './useDebounced';

const useStyles = makeStyles({
  checks: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  check: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  pass: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  fail: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0 },
});


/**
 * The pre-flight checks of a key URI as typed (debounced): undefined while the URI is not a valid,
 * versionless key URI (the field says why), else the query of the checks Azure makes at deployment.
 */
export function useKeyChecks(keyUri: string, enabled: boolean): UseQueryResult<KeyCheckResult> | undefined {
  const { env, credential } = useSession();
  const subscriptions = useQuery({ queryKey: ['subscriptions'], queryFn: ({ signal }) => listSubscriptions(env, credential, signal), enabled });
  const uri = useDebounced(keyUri, 400);
  const parsed = enabled ? validateKeyUri(uri, env.keyVaultSuffixes) : undefined;
  const key = parsed?.ok && !parsed.versioned ? { vault: parsed.parts.vault, key: parsed.parts.key } : undefined;
  const ids = (subscriptions.data ?? []).map((s) => s.id);
  const query = useQuery({
    queryKey: ['key-checks', key?.vault, key?.key, ids.join()],
    queryFn: ({ signal }) => checkCustomerManagedKey(env, credential, key!, ids, signal),
    enabled: !!key && ids.length > 0,
    staleTime: 15_000,
  });
  return key && uri === keyUri ? query : undefined;
}

/** The pre-flight checks of a customer-managed key, each with its result and, when it fails, the fix. */
export function KeyChecks({ query }: { query: UseQueryResult<KeyCheckResult> | undefined }) {
  const styles = useStyles();
  if (!query) return null;
  if (query.isPending) return <Spinner size="tiny" labelPosition="after" label="Checking the key and its vault…" />;
  if (query.error) {
    const e = toAzureError(query.error);
    return (
      <MessageBar intent="warning">
        <MessageBarBody>The key couldn't be checked: {e.code}: {e.message}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <section aria-label="Key checks" aria-live="polite">
      <ul className={styles.checks}>
        {query.data.checks.map((c) => (
          <li key={c.id} className={styles.check}>
            {c.status === 'pass' ? <CheckmarkCircle16Filled className={styles.pass} aria-label="Passed" />
              : c.status === 'fail' ? <DismissCircle16Filled className={styles.fail} aria-label="Failed" />
                : <Warning16Filled className={styles.warn} aria-label="Warning" />}
            <Text size={200}><strong>{c.label}:</strong> {c.message}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
