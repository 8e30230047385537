import { Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { toAzureError } from '../../azure/armError';
import { getFhirService } from '../../azure/getFhirService';
import { listSubscriptions } from '../../azure/listSubscriptions';
import { Blade } from '../../components/Blade';
import { locationDisplayName } from '../../lib/locations';
import { parseResourceId } from '../../lib/resourceId';
import { useNavigation } from '../../components/navigation';
import { DatabaseSettings } from './DatabaseSettings';
import { revokedCause } from '../../lib/cmkFailures';

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: '200px 1fr', flexGrow: 1, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  menu: { borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS },
  content: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  essentials: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(160px, max-content) minmax(200px, 1fr))', columnGap: tokens.spacingHorizontalXXL, rowGap: tokens.spacingVerticalS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  definition: { margin: 0, wordBreak: 'break-all' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export default function AccountBlade({ resourceId, section }: { resourceId: string; section: string }) {
  const styles = useStyles();
  const { env, credential } = useSession();
  const navigation = useNavigation();
  const parts = parseResourceId(resourceId);
  const account = useQuery({
    queryKey: ['fhir-account', resourceId.toLowerCase()],
    queryFn: ({ signal }) => getFhirService(env, credential, { subscriptionId: parts!.subscriptionId, resourceGroup: parts!.resourceGroup, name: parts!.name }, signal),
    enabled: !!parts,
    // The key's status is followed while the blade is open.
    refetchInterval: 5_000,
  });
  const subscriptions = useQuery({ queryKey: ['subscriptions'], queryFn: ({ signal }) => listSubscriptions(env, credential, signal) });
  const name = parts?.name ?? '';
  const a = account.data?.resource;
  const cmkStatus = account.data?.cmk;
  const cosmos = a?.properties?.cosmosDbConfiguration;
  const row = (term: string, value: string | undefined) => (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.definition}>{value || '—'}</dd>
    </>
  );
  return (
    <Blade title={section === 'database' ? `${name} | Database` : name} subtitle="Azure API for FHIR" crumbs={[{ label: 'Azure API for FHIR', href: '#/' }, { label: name }]} closeHref="#/">
      <div className={styles.layout}>
        <nav className={styles.menu} aria-label={`${name} menu`}>
          <TabList vertical selectedValue={section === 'database' ? 'database' : 'overview'} size="small"
            onTabSelect={(_, d) => navigation.navigate(`/resource${resourceId}${d.value === 'database' ? '/database' : ''}`)}>
            <Tab value="overview">Overview</Tab>
            <Tab value="database">Database</Tab>
          </TabList>
        </nav>
        <div className={styles.content}>
          {account.isPending && <Spinner size="small" labelPosition="after" label={`Loading ${name}…`} />}
          {account.error && (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>Couldn't load {name}</MessageBarTitle>
                {toAzureError(account.error).code}: {toAzureError(account.error).message}
              </MessageBarBody>
            </MessageBar>
          )}
          {cmkStatus?.revoked && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Access to the customer-managed key is revoked</MessageBarTitle>
                {revokedCause(cmkStatus.message).cause} The FHIR API refuses every request, and only deletion is possible, until access is restored. {revokedCause(cmkStatus.message).fix}
                {section !== 'database' && <> <Link href={`#/resource${resourceId}/database`}>Open Database</Link></>}
              </MessageBarBody>
            </MessageBar>
          )}
          {a && section === 'database' && parts && <DatabaseSettings id={parts} account={a} cmkStatus={cmkStatus} />}
          {a && section !== 'database' && (
            <section aria-labelledby="essentials-title">
              <h2 id="essentials-title" className={styles.heading}>Essentials</h2>
              <dl className={styles.essentials}>
                {row('Resource group', parts?.resourceGroup)}
                {row('FHIR version', a.kind === 'fhir-Stu3' ? 'STU3' : a.kind === 'fhir-R4' ? 'R4' : a.kind)}
                {row('Location', locationDisplayName(a.location))}
                {row('FHIR endpoint', `https://${name}.${env.fhirHostSuffix}`)}
                {row('Subscription', subscriptions.data?.find((s) => s.id === parts?.subscriptionId)?.name ?? parts?.subscriptionId)}
                {row('Provisioning state', a.properties?.provisioningState)}
                {row('Subscription ID', parts?.subscriptionId)}
                {row('Encryption', cosmos?.keyVaultKeyUri ? 'Customer-managed key' : 'Service-managed key')}
                {row('Provisioned throughput (RU/s)', cosmos?.offerThroughput?.toString())}
                {cosmos?.keyVaultKeyUri ? row('Key URI', cosmos.keyVaultKeyUri) : null}
                {cmkStatus ? row('Key status', cmkStatus.revoked ? 'Revoked' : 'Accessible') : null}
              </dl>
            </section>
          )}
          {!parts && <Text>This is not the address of an Azure API for FHIR account.</Text>}
        </div>
      </div>
    </Blade>
  );
}
