import { MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, DismissCircle16Filled, Warning16Filled } from '@fluentui/react-icons';
import type { UseQueryResult } from '@tanstack/react-query';
import type { KeyCheckResult } from '../../azure/checkCustomerManagedKey';
import { toAzureError } from '../../azure/armError';
import { useWizardStyles } from './wizard.styles';

/** The pre-flight checks of a customer-managed key, each with its result and, when it fails, the fix. */
export function KeyChecks({ query }: { query: UseQueryResult<KeyCheckResult> | undefined }) {
  const styles = useWizardStyles();
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
    <section aria-label="Key checks">
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
