import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Button, DrawerBody, DrawerFooter, DrawerHeader, DrawerHeaderTitle, Dropdown, Field, Input, makeStyles, mergeClasses, MessageBar,
  MessageBarBody, MessageBarTitle, Option, OverlayDrawer, Radio, RadioGroup, SearchBox, Spinner, Text, tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular, Warning16Filled } from '@fluentui/react-icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useSession } from '../../auth/session';
import { toAzureError } from '../../azure/armError';
import { canPerform } from '../../azure/getPermissions';
import { keyVaultErrorMessage } from '../../azure/keyVaultGateway';
import { listSubscriptions } from '../../azure/listSubscriptions';
import { createRsaKey, getKeyType, listKeyVersions, type KeyRow } from '../../azure/listVaultKeys';
import { grantCosmosAccess, listVaults, type VaultRow } from '../../azure/listVaults';
import type { KeyPickerRequest } from '../../components/keyPicker';
import { locationDisplayName } from '../../lib/locations';
import { keyNameProblem, keyReason, keyTypeLabel, RBAC_NOTE, vaultReasons } from './reasons';
import { useVaultKeys } from './useVaultKeys';

const ROW_HEIGHT = 44;

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  vaults: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  vault: { display: 'flex', flexDirection: 'column', paddingBlock: tokens.spacingVerticalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` },
  vaultMeta: { color: tokens.colorNeutralForeground3, paddingLeft: '32px' },
  reasons: { margin: 0, paddingLeft: '32px', listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: '2px' },
  reason: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center', color: tokens.colorPaletteDarkOrangeForeground1 },
  indent: { paddingLeft: '32px', display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  list: {
    height: '264px', overflowY: 'auto', position: 'relative', border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium, outlineStyle: 'none',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  row: {
    position: 'absolute', left: 0, right: 0, height: `${ROW_HEIGHT}px`, boxSizing: 'border-box', display: 'flex', flexDirection: 'column',
    justifyContent: 'center', paddingInline: tokens.spacingHorizontalM, cursor: 'pointer', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  rowActive: { backgroundColor: tokens.colorNeutralBackground1Hover, outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  rowSelected: { backgroundColor: tokens.colorBrandBackground2 },
  rowDisabled: { color: tokens.colorNeutralForegroundDisabled, cursor: 'not-allowed' },
  rowLine: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'baseline' },
  rowName: { fontWeight: tokens.fontWeightSemibold },
  rowMeta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  rowReason: { color: tokens.colorPaletteDarkOrangeForeground1, fontSize: tokens.fontSizeBase200 },
  inline: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
});

const dateText = (ms?: number) => (ms ? new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }) : '');

function VaultChoice(props: {
  vault: VaultRow; subscriptionId: string; onGranted: () => void;
}) {
  const styles = useStyles();
  const { env, credential } = useSession();
  const { vault } = props;
  const reasons = vaultReasons(vault);
  const needsGrant = vault.problems.includes('cosmos-access');
  const mayGrant = useQuery({
    queryKey: ['can-write-vault', props.subscriptionId, vault.resourceGroup],
    queryFn: ({ signal }) => canPerform(env, credential, 'Microsoft.KeyVault/vaults/accessPolicies/write', { subscriptionId: props.subscriptionId, resourceGroup: vault.resourceGroup }, signal),
    enabled: needsGrant,
  });
  const [granting, setGranting] = useState(false);
  const [grantError, setGrantError] = useState<string>();
  const grant = async () => {
    setGranting(true);
    setGrantError(undefined);
    try {
      await grantCosmosAccess(env, credential, { ...vault, subscriptionId: props.subscriptionId });
      props.onGranted();
    } catch (e) {
      const err = toAzureError(e);
      setGrantError(`${err.code}: ${err.message}`);
    } finally {
      setGranting(false);
    }
  };
  return (
    <div className={styles.vault}>
      <Radio value={vault.id} disabled={reasons.length > 0} label={vault.name} aria-describedby={`vault-meta-${vault.name} vault-reasons-${vault.name}`} />
      <Text id={`vault-meta-${vault.name}`} size={200} className={styles.vaultMeta}>
        {vault.resourceGroup} · {locationDisplayName(vault.location)}
      </Text>
      <ul id={`vault-reasons-${vault.name}`} className={styles.reasons} aria-label={`Why ${vault.name} can't be used`}>
        {reasons.map((r) => (
          <li key={r} className={styles.reason}><Warning16Filled aria-hidden />{r}</li>
        ))}
        {vault.rbac && <li className={styles.rowMeta}>{RBAC_NOTE}</li>}
      </ul>
      {needsGrant && (
        <div className={styles.indent}>
          {mayGrant.data === true && (
            <Button size="small" disabled={granting} onClick={() => void grant()} aria-label={`Grant access to ${vault.name}`}>
              {granting ? 'Granting access…' : 'Grant access'}
            </Button>
          )}
          <Text size={200}>
            {mayGrant.data === false
              ? `Only an Owner or Contributor of the resource group ${vault.resourceGroup} can grant access: ask one of them to add an access policy for Azure Cosmos DB (application ID ${env.cosmosDbPrincipal.appId}) with Get, Wrap Key and Unwrap Key.`
              : `Grant access adds an access policy for Azure Cosmos DB (application ID ${env.cosmosDbPrincipal.appId}): Azure API for FHIR stores its data in Azure Cosmos DB, which wraps and unwraps the data key with your key.`}
          </Text>
          {grantError && <Text role="alert" size={200}>{grantError}</Text>}
        </div>
      )}
    </div>
  );
}

export default function KeyPickerDrawer({ request, onClose }: { request: KeyPickerRequest | null; onClose: () => void }) {
  const styles = useStyles();
  const { env, credential } = useSession();
  const queryClient = useQueryClient();
  const open = request !== null;
  const [subscriptionId, setSubscriptionId] = useState('');
  const [vaultId, setVaultId] = useState('');
  const [keyName, setKeyName] = useState('');
  const [version, setVersion] = useState('latest');
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const [creating, setCreating] = useState<false | 'key' | 'version'>(false);
  const [newName, setNewName] = useState('');
  const [newSize, setNewSize] = useState<2048 | 3072 | 4096>(3072);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'error' | 'success'; text: string }>();

  useEffect(() => {
    if (!request) return;
    setSubscriptionId(request.subscriptionId ?? '');
    setVaultId('');
    setKeyName('');
    setVersion('latest');
    setFilter('');
    setMessage(undefined);
    setCreating(false);
  }, [request]);

  const subscriptions = useQuery({ queryKey: ['subscriptions'], queryFn: ({ signal }) => listSubscriptions(env, credential, signal), enabled: open });
  const subs = useMemo(() => {
    const all = subscriptions.data ?? [];
    const current = all.find((s) => s.id === request?.subscriptionId);
    return current ? [current, ...all.filter((s) => s !== current)] : all;
  }, [subscriptions.data, request?.subscriptionId]);
  useEffect(() => {
    if (open && !subscriptionId && subs[0]) setSubscriptionId(subs[0].id);
  }, [open, subscriptionId, subs]);

  const vaults = useQuery({
    queryKey: ['vaults', subscriptionId],
    queryFn: ({ signal }) => listVaults(env, credential, subscriptionId, signal),
    enabled: open && !!subscriptionId,
  });
  const vault = vaults.data?.find((v) => v.id === vaultId);
  const usableVault = vault && vaultReasons(vault).length === 0 ? vault : undefined;
  const keys = useVaultKeys(usableVault ? { ...usableVault, subscriptionId } : undefined);
  const filtered = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? keys.rows.filter((k) => k.name.toLowerCase().includes(f)) : keys.rows;
  }, [keys.rows, filter]);
  const chosen = keys.rows.find((k) => k.name === keyName);
  const versions = useQuery({
    queryKey: ['key-versions', usableVault?.vaultUri, keyName],
    queryFn: ({ signal }) => listKeyVersions(env, credential, usableVault!.vaultUri, keyName, signal),
    enabled: !!usableVault && !!keyName,
  });

  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: filtered.length, getScrollElement: () => listRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  useEffect(() => setActive(0), [filter, vaultId]);

  const chooseKey = (k: KeyRow | undefined) => {
    if (!k || keyReason(k)) return;
    setKeyName(k.name);
    setVersion('latest');
    setMessage(undefined);
  };
  const onListKey = (e: React.KeyboardEvent) => {
    if (!filtered.length) return;
    const move = (i: number) => {
      const next = Math.max(0, Math.min(filtered.length - 1, i));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    };
    if (e.key === 'ArrowDown') move(active + 1);
    else if (e.key === 'ArrowUp') move(active - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(filtered.length - 1);
    else if (e.key === 'PageDown') move(active + 5);
    else if (e.key === 'PageUp') move(active - 5);
    else if (e.key === 'Enter' || e.key === ' ') chooseKey(filtered[active]);
    else return;
    e.preventDefault();
  };

  const keyError = keys.error ? (keyVaultErrorMessage(keys.error) ?? { code: toAzureError(keys.error).code, message: toAzureError(keys.error).message }) : undefined;
  const existingNames = useMemo(() => new Set(keys.rows.map((k) => k.name.toLowerCase())), [keys.rows]);
  const newNameProblem = creating === 'key' && newName ? keyNameProblem(newName, existingNames) : undefined;

  // The vault and request an async action started with: its result applies only if they are still current.
  const current = useRef({ vaultId, request });
  current.current = { vaultId, request };

  async function createKey(kind: 'key' | 'version') {
    if (!usableVault) return;
    const startedIn = usableVault.id;
    const name = kind === 'version' ? keyName : newName.trim();
    const size = kind === 'version' ? ((chosen?.keySize as 2048 | 3072 | 4096 | undefined) ?? 3072) : newSize;
    setBusy(true);
    setMessage(undefined);
    try {
      await createRsaKey(env, credential, usableVault.vaultUri, name, size);
      if (current.current.vaultId !== startedIn) return;
      keys.add({ name, enabled: true, kty: 'RSA', keySize: size });
      setKeyName(name);
      setVersion('latest');
      await queryClient.invalidateQueries({ queryKey: ['key-versions', usableVault.vaultUri, name] });
      setMessage({ intent: 'success', text: kind === 'version' ? `A new version of '${name}' was created; it is now the latest.` : `The key '${name}' (RSA ${size}) was created and selected.` });
      setCreating(false);
      setNewName('');
    } catch (e) {
      const err = keyVaultErrorMessage(e) ?? toAzureError(e);
      setMessage({ intent: 'error', text: `The key couldn't be created: ${err.message ?? ''}` });
    } finally {
      setBusy(false);
    }
  }

  async function select() {
    if (!usableVault || !chosen || !request) return;
    setBusy(true);
    try {
      if (!chosen.kty) {
        const t = await getKeyType(env, credential, usableVault.vaultUri, chosen.name);
        if (current.current.request !== request || current.current.vaultId !== usableVault.id) return;
        if (t.kty !== 'RSA' && t.kty !== 'RSA-HSM') {
          setMessage({ intent: 'error', text: `'${chosen.name}' is an ${t.kty} key: Azure API for FHIR needs an RSA key.` });
          return;
        }
      }
      const base = `${usableVault.vaultUri.replace(/\/+$/, '')}/keys/${chosen.name}`;
      request.onSelect(version === 'latest' ? base : `${base}/${version}`);
      onClose();
    } catch (e) {
      const err = keyVaultErrorMessage(e) ?? toAzureError(e);
      setMessage({ intent: 'error', text: `The key couldn't be read: ${err.message ?? ''}` });
    } finally {
      setBusy(false);
    }
  }

  const selectedVersion = versions.data?.find((v) => v.version === version);
  return (
    <OverlayDrawer open={open} onOpenChange={(_, d) => !d.open && onClose()} position="end" size="medium" aria-labelledby="key-picker-title">
      <DrawerHeader>
        <DrawerHeaderTitle
          id="key-picker-title"
          action={<Button appearance="subtle" aria-label="Close" icon={<Dismiss24Regular />} onClick={onClose} />}
        >
          Select a key
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        <Field label="Subscription" required>
          <Dropdown
            value={subs.find((s) => s.id === subscriptionId)?.name ?? ''}
            selectedOptions={subscriptionId ? [subscriptionId] : []}
            placeholder={subscriptions.isPending ? 'Loading subscriptions…' : 'Select a subscription'}
            onOptionSelect={(_, d) => {
              if (!d.optionValue || d.optionValue === subscriptionId) return;
              setSubscriptionId(d.optionValue);
              setVaultId('');
              setKeyName('');
            }}
          >
            {subs.map((s) => <Option key={s.id} value={s.id}>{s.name}</Option>)}
          </Dropdown>
        </Field>

        <section aria-labelledby="picker-vaults">
          <h2 id="picker-vaults" className={styles.sectionTitle}>Key vault</h2>
          {vaults.isPending && subscriptionId && <Spinner size="tiny" labelPosition="after" label="Loading key vaults…" />}
          {vaults.error && (
            <MessageBar intent="error"><MessageBarBody>The key vaults couldn't be listed: {toAzureError(vaults.error).code}: {toAzureError(vaults.error).message}</MessageBarBody></MessageBar>
          )}
          {vaults.data && vaults.data.length === 0 && <Text>This subscription has no key vaults you can see.</Text>}
          {vaults.data && vaults.data.length > 0 && (
            <RadioGroup
              aria-label="Key vault"
              disabled={busy}
              className={styles.vaults}
              value={vaultId}
              onChange={(_, d) => {
                setVaultId(d.value);
                setKeyName('');
                setFilter('');
                setMessage(undefined);
              }}
            >
              {vaults.data.map((v) => (
                <VaultChoice key={v.id} vault={v} subscriptionId={subscriptionId} onGranted={() => void vaults.refetch()} />
              ))}
            </RadioGroup>
          )}
        </section>

        {usableVault && (
          <section aria-labelledby="picker-keys">
            <h2 id="picker-keys" className={styles.sectionTitle}>Key</h2>
            {keyError ? (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>The keys of {usableVault.name} can't be listed</MessageBarTitle>
                  {keyError.message} Ask an owner of the vault for the key permissions List and Get (or, in an Azure RBAC vault, the role Key Vault Reader). You can still type the key URI in the Key URI field.
                </MessageBarBody>
              </MessageBar>
            ) : (
              <>
                <div className={styles.inline}>
                  <Field label="Filter keys" style={{ flexGrow: 1 }}>
                    <SearchBox value={filter} onChange={(_, d) => setFilter(d.value)} />
                  </Field>
                  <Button onClick={() => { setCreating('key'); setNewName(''); }} disabled={busy}>Create new key</Button>
                </div>
                <Text size={200} aria-live="polite" id="picker-key-status">
                  {keys.loading
                    ? `${keys.rows.length.toLocaleString()} keys loaded; more are loading…`
                    : `${keys.rows.length.toLocaleString()} ${keys.rows.length === 1 ? 'key' : 'keys'}`}
                  {filter.trim() ? ` · ${filtered.length.toLocaleString()} match “${filter.trim()}”` : ''}
                </Text>
                {creating === 'key' && (
                  <form className={styles.inline} onSubmit={(e) => { e.preventDefault(); void createKey('key'); }} aria-label="Create new key">
                    <Field label="Key name" required validationState={newNameProblem ? 'error' : 'none'} validationMessage={newNameProblem} style={{ flexGrow: 1 }}>
                      <Input value={newName} onChange={(_, d) => setNewName(d.value)} />
                    </Field>
                    <Field label="RSA key size">
                      <Dropdown value={String(newSize)} selectedOptions={[String(newSize)]} onOptionSelect={(_, d) => d.optionValue && setNewSize(Number(d.optionValue) as 2048 | 3072 | 4096)}>
                        <Option value="2048">2048</Option>
                        <Option value="3072">3072 (recommended)</Option>
                        <Option value="4096">4096</Option>
                      </Dropdown>
                    </Field>
                    <Button type="submit" appearance="primary" disabled={busy || !newName || !!newNameProblem}>{busy ? 'Creating…' : 'Create'}</Button>
                    <Button onClick={() => setCreating(false)}>Cancel</Button>
                  </form>
                )}
                <div
                  ref={listRef}
                  className={styles.list}
                  role="listbox"
                  aria-label="Keys"
                  aria-describedby="picker-key-status"
                  tabIndex={0}
                  aria-activedescendant={virtualizer.getVirtualItems().some((i) => i.index === active) ? `key-option-${active}` : undefined}
                  onKeyDown={onListKey}
                >
                  <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                    {virtualizer.getVirtualItems().map((item) => {
                      const k = filtered[item.index]!;
                      const reason = keyReason(k);
                      return (
                        <div
                          key={k.name}
                          id={`key-option-${item.index}`}
                          role="option"
                          aria-selected={k.name === keyName}
                          aria-disabled={reason ? true : undefined}
                          aria-setsize={filtered.length}
                          aria-posinset={item.index + 1}
                          className={mergeClasses(styles.row, item.index === active && styles.rowActive, k.name === keyName && styles.rowSelected, reason && styles.rowDisabled)}
                          style={{ transform: `translateY(${item.start}px)` }}
                          onClick={() => { setActive(item.index); chooseKey(k); }}
                        >
                          <span className={styles.rowLine}>
                            <span className={styles.rowName}>{k.name}</span>
                            <span className={styles.rowMeta}>
                              {[keyTypeLabel(k), k.enabled ? 'Enabled' : 'Disabled', k.expiresOn ? `expires ${dateText(k.expiresOn)}` : 'no expiry'].filter(Boolean).join(' · ')}
                            </span>
                          </span>
                          {reason && <span className={styles.rowReason}>{reason}</span>}
                        </div>
                      );
                    })}
                  </div>
                </div>
              </>
            )}
          </section>
        )}

        {usableVault && chosen && (
          <section aria-labelledby="picker-version">
            <h2 id="picker-version" className={styles.sectionTitle}>Version</h2>
            <Field
              label="Version"
              hint={version === 'latest'
                ? 'Recommended: Azure API for FHIR uses the latest version and picks up new versions automatically, with no interruption.'
                : 'Azure API for FHIR uses the latest version of the key automatically: it needs the key URI without a version. The Key URI field will offer the versionless URI.'}
            >
              <Dropdown
                value={version === 'latest' ? 'Latest (rotates automatically)' : `${dateText(selectedVersion?.createdOn)} · ${version}`}
                selectedOptions={[version]}
                onOptionSelect={(_, d) => d.optionValue && setVersion(d.optionValue)}
              >
                <Option value="latest" text="Latest (rotates automatically)">Latest (rotates automatically) — recommended</Option>
                {(versions.data ?? []).map((v) => (
                  <Option key={v.version} value={v.version} text={`${dateText(v.createdOn)} · ${v.version}`} disabled={!v.enabled}>
                    {`${dateText(v.createdOn)} · ${v.enabled ? 'Enabled' : 'Disabled'} · ${v.version}`}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            {versions.isPending && <Spinner size="tiny" labelPosition="after" label="Loading versions…" />}
            <div className={styles.inline}>
              <Button size="small" disabled={busy} onClick={() => void createKey('version')}>Create new version</Button>
            </div>
          </section>
        )}
        {message && (
          <MessageBar intent={message.intent}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
      </DrawerBody>
      <DrawerFooter>
        <Button appearance="primary" disabled={!usableVault || !chosen || busy} onClick={() => void select()}>Select</Button>
        <Button onClick={onClose}>Cancel</Button>
      </DrawerFooter>
    </OverlayDrawer>
  );
}
