import { useState } from 'react';
import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList, Text } from '@fluentui/react-components';
import { armTemplate, azureCli, bicep, powerShell } from '../../lib/automation';
import type { AzureError } from '../../azure/armError';
import { tagsObject } from '../../lib/azureNames';
import { locationDisplayName } from '../../lib/locations';
import type { TabProps } from './BasicsTab';
import { PERMANENT_CHOICE } from './AdditionalSettingsTab';
import { useWizardStyles } from './wizard.styles';
import { TABS, toNewService, type Problem } from './wizardState';

export interface ReviewProps extends TabProps {
  /** Every problem that blocks Create, with the tab to fix it on. */
  blocking: Problem[];
  validating: boolean;
  deploymentError?: AzureError;
}

const tabLabel = (id: Problem['tab']) => TABS.find((t) => t.id === id)!.label;

export function ReviewTab({ state, dispatch, data, blocking, validating, deploymentError }: ReviewProps) {
  const styles = useWizardStyles();
  const sub = data.subscriptions.data?.find((s) => s.id === state.subscriptionId);
  const tags = Object.entries(tagsObject(state.tags));
  const row = (term: string, value: string) => (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.definition}>{value || '—'}</dd>
    </>
  );
  return (
    <div className={styles.panel}>
      {deploymentError && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>The deployment failed</MessageBarTitle>
            {deploymentError.code}: {deploymentError.message} Every value is kept: fix it here and select Create again.
          </MessageBarBody>
        </MessageBar>
      )}
      {validating ? (
        <Spinner size="tiny" labelPosition="after" label="Running final validation…" />
      ) : blocking.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Validation passed</MessageBarTitle>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Validation failed</MessageBarTitle>
            {blocking.length === 1 ? 'Fix this problem to create the account:' : `Fix these ${blocking.length} problems to create the account:`}
            <ul aria-label="Validation problems">
              {blocking.map((p) => (
                <li key={`${p.tab}-${p.field}-${p.message}`}>
                  <strong>{tabLabel(p.tab)} › {p.label}:</strong> {p.message}{' '}
                  <Link as="button" onClick={() => dispatch({ type: 'tab', tab: p.tab })}>Go to {tabLabel(p.tab)}</Link>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>Data encryption: {state.encryption === 'customer' ? 'Customer-managed key' : 'Service-managed key'}</MessageBarTitle>
          {PERMANENT_CHOICE}
        </MessageBarBody>
      </MessageBar>

      <section aria-labelledby="review-basics">
        <h2 id="review-basics" className={styles.sectionTitle}>Basics</h2>
        <dl className={styles.reviewGrid}>
          {row('Subscription', sub?.name ?? '')}
          {row('Resource group', state.newResourceGroup ? `(New) ${state.resourceGroup}` : state.resourceGroup)}
          {row('Account name', state.name)}
          {row('Location', state.location ? locationDisplayName(state.location) : '')}
          {row('FHIR version', state.fhirVersion === 'fhir-R4' ? 'R4' : 'STU3')}
        </dl>
      </section>
      <section aria-labelledby="review-additional">
        <h2 id="review-additional" className={styles.sectionTitle}>Additional settings</h2>
        <dl className={styles.reviewGrid}>
          {row('Authority', state.authority)}
          {row('Audience', state.audience)}
          {row('Provisioned throughput (RU/s)', state.throughput === null ? '' : String(state.throughput))}
          {row('Data encryption', state.encryption === 'customer' ? 'Customer-managed key' : 'Service-managed key')}
          {state.encryption === 'customer' && row('Key URI', state.keyUri.trim())}
          {state.encryption === 'customer' && state.crossTenantAppId && row('Cross-tenant application ID', state.crossTenantAppId.trim())}
        </dl>
      </section>
      <Automation state={state} />
      <section aria-labelledby="review-tags">
        <h2 id="review-tags" className={styles.sectionTitle}>Tags</h2>
        {tags.length ? <dl className={styles.reviewGrid}>{tags.map(([k, v]) => <div key={k} style={{ display: 'contents' }}>{row(k, v)}</div>)}</dl> : <Text>None</Text>}
      </section>
    </div>
  );
}

const SCRIPTS = [
  { id: 'arm', label: 'ARM template', make: armTemplate },
  { id: 'bicep', label: 'Bicep', make: bicep },
  { id: 'cli', label: 'Azure CLI', make: azureCli },
  { id: 'ps', label: 'PowerShell', make: powerShell },
] as const;

/** The same deployment as a script, for operators who automate. */
function Automation({ state }: Pick<ReviewProps, 'state'>) {
  const styles = useWizardStyles();
  const [tab, setTab] = useState<(typeof SCRIPTS)[number]['id']>('arm');
  const [copied, setCopied] = useState(false);
  const script = SCRIPTS.find((s) => s.id === tab)!;
  const text = script.make(toNewService(state));
  return (
    <section aria-labelledby="review-automation">
      <h2 id="review-automation" className={styles.sectionTitle}>Automation</h2>
      <Text size={200}>The same deployment as a script.</Text>
      <TabList size="small" selectedValue={tab} onTabSelect={(_, d) => { setTab(d.value as typeof tab); setCopied(false); }} aria-label="Automation scripts">
        {SCRIPTS.map((s) => <Tab key={s.id} value={s.id}>{s.label}</Tab>)}
      </TabList>
      <pre className={styles.code} aria-label={script.label} tabIndex={0}>{text}</pre>
      <Button size="small" onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}>{copied ? 'Copied' : `Copy ${script.label}`}</Button>
    </section>
  );
}
