import { useEffect, useState } from 'react';
import {
  Button, Field, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Spinner, SpinButton, Text, tokens,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular, ArrowUndo20Regular, Save20Regular } from '@fluentui/react-icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ServicesDescription } from '@azure/arm-healthcareapis';
import { useSession } from '../../auth/session';
import { toAzureError, type AzureError } from '../../azure/armError';
import { canPerform } from '../../azure/getPermissions';
import { getKeyStatus } from '../../azure/getKeyStatus';
import { listSubscriptions } from '../../azure/listSubscriptions';
import { updateFhirService } from '../../azure/updateFhirService';
import { getFhirService } from '../../azure/getFhirService';
import { useKeyChecks } from '../../components/KeyChecks';
import { KeyUriField } from '../../components/KeyUriField';
import { useLeaveGuard } from '../../components/navigation';
import { useNotifications } from '../../components/notifications';
import { validateKeyUri } from '../../lib/keyUri';
import type { ResourceIdParts } from '../../lib/resourceId';
import type { CmkStatus } from '../../azure/cmkStatus';
import { revokedCause } from '../../lib/cmkFailures';

export const MODIFY_KEY_ONLY = "The configuration option can't be modified once chosen. However, you can modify and update your key.";
const MIN = 400;
const MAX = 100_000;

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '760px' },
  commands: { display: 'flex', gap: tokens.spacingHorizontalS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingBottom: tokens.spacingVerticalS },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  status: { display: 'grid', gridTemplateColumns: 'minmax(140px, max-content) 1fr', columnGap: tokens.spacingHorizontalXXL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  definition: { margin: 0, wordBreak: 'break-all' },
  accessible: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  revoked: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

function throughputProblem(t: number | null): string | undefined {
  if (t === null || !Number.isInteger(t)) return 'Enter a whole number of RU/s from 400 to 100,000.';
  if (t < MIN || t > MAX) return 'Provisioned throughput must be from 400 to 100,000 RU/s. More needs a support request.';
  if (t % 100 !== 0) return 'Provisioned throughput goes in steps of 100 RU/s.';
  return undefined;
}

function KeyStatusPanel({ keyUri, reported }: { keyUri: string; reported?: CmkStatus }) {
  const styles = useStyles();
  const { env, credential } = useSession();
  const subscriptions = useQuery({ queryKey: ['subscriptions'], queryFn: ({ signal }) => listSubscriptions(env, credential, signal) });
  const parsed = validateKeyUri(keyUri, env.keyVaultSuffixes);
  const key = parsed.ok ? { vault: parsed.parts.vault, key: parsed.parts.key } : undefined;
  const ids = (subscriptions.data ?? []).map((s) => s.id);
  const status = useQuery({
    // What the service reports is in the key: when it changes (revoked, a new version) the check runs again.
    queryKey: ['key-status', key?.vault, key?.key, ids.join(), reported?.revoked, reported?.versionInUse],
    queryFn: ({ signal }) => getKeyStatus(env, credential, key!, ids, signal),
    enabled: !!key && ids.length > 0,
    // The blade re-reads the account every few seconds; the portal's own (costlier) check of the vault
    // and key runs on its own only while the service reports nothing, or reports the key revoked.
    refetchInterval: reported && !reported.revoked ? false : reported ? 5_000 : 30_000,
  });
  // What the service reports (the emulator does) wins; the portal's own check adds the cause and the fix.
  const revoked = reported ? reported.revoked : status.data?.state === 'Revoked';
  const fromService = reported?.revoked ? revokedCause(reported.message) : undefined;
  const cause = status.data?.state === 'Revoked' ? status.data.cause : fromService?.cause;
  const fix = status.data?.state === 'Revoked' ? status.data.fix : fromService?.fix;
  const versionInUse = reported?.versionInUse ?? status.data?.versionInUse?.version;
  const row = (term: string, value: React.ReactNode) => (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.definition}>{value}</dd>
    </>
  );
  return (
    <section aria-labelledby="key-status-title" className={styles.section}>
      <h3 id="key-status-title" className={styles.sectionTitle}>Key status</h3>
      {status.isPending && <Spinner size="tiny" labelPosition="after" label="Checking the key…" />}
      {status.error && <Text>The key's status couldn't be read: {toAzureError(status.error).message}</Text>}
      {status.data && (
        <>
          <dl className={styles.status}>
            {row('Key vault', status.data.vault)}
            {row('Key', status.data.key)}
            {row('Version in use', versionInUse
              ? `${versionInUse}${status.data.versionInUse?.version === versionInUse && status.data.versionInUse.created ? ` (created ${new Date(status.data.versionInUse.created).toLocaleDateString()})` : ''}`
              : 'None: no enabled version')}
            {row('State', <span className={revoked ? styles.revoked : styles.accessible}>{revoked ? 'Revoked' : 'Accessible'}</span>)}
          </dl>
          {revoked && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Revoked: {cause ?? 'Azure Cosmos DB can\'t use the key.'}</MessageBarTitle>
                {fix}
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
    </section>
  );
}

export function DatabaseSettings({ id, account, cmkStatus }: { id: ResourceIdParts; account: ServicesDescription; cmkStatus?: CmkStatus }) {
  const styles = useStyles();
  const { env, credential } = useSession();
  const queryClient = useQueryClient();
  const notifications = useNotifications();
  const saved = account.properties?.cosmosDbConfiguration;
  const cmk = !!saved?.keyVaultKeyUri;
  // Edits are kept as what the user changed (undefined: untouched), so a refresh of the account
  // never turns someone else's change into an edit of this user's.
  const [throughputEdit, setThroughputEdit] = useState<number | null | undefined>(undefined);
  const [keyUriEdit, setKeyUriEdit] = useState<string | undefined>(undefined);
  const throughput = throughputEdit !== undefined ? throughputEdit : (saved?.offerThroughput ?? MIN);
  const keyUri = keyUriEdit ?? saved?.keyVaultKeyUri ?? '';
  const setThroughput = (v: number | null) => setThroughputEdit(v === (saved?.offerThroughput ?? MIN) ? undefined : v);
  const setKeyUri = (v: string) => setKeyUriEdit(v.trim() === (saved?.keyVaultKeyUri ?? '') ? undefined : v);
  const [baseEtag, setBaseEtag] = useState(account.etag ?? '');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AzureError>();
  const [attempted, setAttempted] = useState(false);

  // A fresh copy of the account becomes the base of the next edit — but not under an edit in progress:
  // then a change made elsewhere must come back as 412 (or be taken in by Reload and re-apply).
  const editing = throughputEdit !== undefined || keyUriEdit !== undefined;
  useEffect(() => {
    if (!editing) setBaseEtag(account.etag ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [account.etag]);

  const mayWrite = useQuery({
    queryKey: ['can-write', id.subscriptionId, id.resourceGroup],
    queryFn: ({ signal }) => canPerform(env, credential, 'Microsoft.HealthcareApis/services/write', { subscriptionId: id.subscriptionId, resourceGroup: id.resourceGroup }, signal),
  });
  const revokedNow = cmkStatus?.revoked === true;
  const readOnly = mayWrite.data === false || revokedNow;
  const throughputChanged = throughputEdit !== undefined;
  const keyChanged = cmk && keyUriEdit !== undefined;
  const dirty = throughputChanged || keyChanged;
  useLeaveGuard(dirty && !readOnly, { title: 'Leave without saving?', message: 'Your changes to the database settings are not saved yet. Leave and lose them?' });

  const tProblem = throughputProblem(throughput);
  const key = cmk ? validateKeyUri(keyUri, env.keyVaultSuffixes) : undefined;
  const keyProblem = key && (!key.ok ? key.message : key.versioned ? 'Use the key URI without a version.' : undefined);
  const checks = useKeyChecks(keyUri, cmk && keyChanged && !readOnly);
  const failedChecks = keyChanged ? (checks?.data?.checks ?? []).filter((c) => c.status === 'fail') : [];
  const checking = keyChanged && (!checks || checks.isFetching);
  const canSave = dirty && !readOnly && !saving && !tProblem && !(keyChanged && (keyProblem || failedChecks.length || checking));

  const discard = () => {
    setThroughputEdit(undefined);
    setKeyUriEdit(undefined);
    setSaveError(undefined);
    setAttempted(false);
  };

  async function save() {
    setAttempted(true);
    if (!canSave) return;
    setSaving(true);
    setSaveError(undefined);
    const toastId = `save-${Date.now()}`;
    notifications.show({ id: toastId, intent: 'progress', title: `Updating ${id.name}…`, body: 'Saving the database settings.' });
    try {
      await updateFhirService(env, credential, id, {
        ...(throughputChanged && throughput !== null ? { offerThroughput: throughput } : {}),
        ...(keyChanged ? { keyVaultKeyUri: keyUri.trim() } : {}),
      }, baseEtag);
      await queryClient.invalidateQueries({ queryKey: ['fhir-account', `/subscriptions/${id.subscriptionId}/resourcegroups/${id.resourceGroup}/providers/microsoft.healthcareapis/services/${id.name}`.toLowerCase()] });
      void queryClient.invalidateQueries({ queryKey: ['fhir-accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['key-status'] });
      notifications.update({ id: toastId, intent: 'success', title: `Updated ${id.name}`, body: 'The database settings were saved.' });
      setThroughputEdit(undefined);
      setKeyUriEdit(undefined);
      setAttempted(false);
    } catch (error) {
      const e = toAzureError(error);
      setSaveError(e);
      notifications.update({ id: toastId, intent: 'error', title: `Couldn't update ${id.name}`, body: `${e.code}: ${e.message}` });
    } finally {
      setSaving(false);
    }
  }

  async function reloadAndReapply() {
    // Fetch the account as it is now; the edits stay and apply on top of it at the next Save.
    const fresh = await getFhirService(env, credential, id);
    setBaseEtag(fresh.resource.etag ?? '');
    await queryClient.refetchQueries({ queryKey: ['fhir-account'] });
    setSaveError(undefined);
  }

  return (
    <div className={styles.panel}>
      <div className={styles.commands} role="toolbar" aria-label="Database commands">
        <Button appearance="subtle" icon={<Save20Regular />} disabled={!canSave} onClick={() => void save()}>{saving ? 'Saving…' : 'Save'}</Button>
        <Button appearance="subtle" icon={<ArrowUndo20Regular />} disabled={!dirty || saving} onClick={discard}>Discard</Button>
        <Button appearance="subtle" icon={<ArrowClockwise20Regular />} disabled={saving} onClick={() => void queryClient.refetchQueries({ queryKey: ['fhir-account'] })}>Refresh</Button>
      </div>
      {revokedNow && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Only deletion is possible while access to the key is revoked</MessageBarTitle>
            Azure refuses updates to an account whose customer-managed key is revoked (No Update is allowed on Database Account with Customer Managed Key in Revoked Status). Restore access to the key first.
          </MessageBarBody>
        </MessageBar>
      )}
      {mayWrite.data === false && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Read-only</MessageBarTitle>
            You have read access to {id.name}: changing its settings needs Owner or Contributor (Microsoft.HealthcareApis/services/write). Ask an owner of the resource group {id.resourceGroup}.
          </MessageBarBody>
        </MessageBar>
      )}
      {saveError?.status === 412 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Someone else changed {id.name}</MessageBarTitle>
            The account changed after you opened this blade, so your edit was not saved. It is still here: reload the account and save again to re-apply it.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void reloadAndReapply()}>Reload and re-apply</Button>
          </MessageBarActions>
        </MessageBar>
      ) : saveError ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The changes weren't saved</MessageBarTitle>
            {saveError.code}: {saveError.message} Your edit is kept.
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <section aria-labelledby="throughput-title" className={styles.section}>
        <h2 id="throughput-title" className={styles.sectionTitle}>Provisioned throughput</h2>
        <Field label="Provisioned throughput (RU/s)" required validationState={tProblem ? 'error' : 'none'} validationMessage={tProblem}
          hint="400 to 100,000 RU/s in steps of 100. More needs a support request.">
          <SpinButton
            value={throughput}
            min={MIN}
            max={MAX}
            step={100}
            disabled={readOnly}
            onChange={(_, d) => {
              const typed = d.displayValue !== undefined && d.displayValue.trim() !== '' ? Number(d.displayValue.replace(/[,\s]/g, '')) : null;
              setThroughput(d.value ?? (typed !== null && Number.isFinite(typed) ? typed : null));
            }}
          />
        </Field>
      </section>

      <section aria-labelledby="encryption-title" className={styles.section}>
        <h2 id="encryption-title" className={styles.sectionTitle}>Data encryption</h2>
        <Field label="Data encryption" hint={MODIFY_KEY_ONLY}>
          <RadioGroup value={cmk ? 'customer' : 'service'} disabled>
            <Radio value="service" label="Service-managed key" />
            <Radio value="customer" label="Customer-managed key" />
          </RadioGroup>
        </Field>
        {cmk ? (
          <>
            <KeyUriField value={keyUri} onChange={setKeyUri} subscriptionId={id.subscriptionId} showEmptyProblem={attempted} readOnly={readOnly} checks={keyChanged} />
            <KeyStatusPanel keyUri={saved?.keyVaultKeyUri ?? ''} reported={cmkStatus} />
          </>
        ) : (
          <Text>Your data is encrypted with Microsoft-managed keys.</Text>
        )}
      </section>
    </div>
  );
}
