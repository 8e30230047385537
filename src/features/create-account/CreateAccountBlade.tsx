import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Tab, TabList, Text } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { toAzureError, type AzureError } from '../../azure/armError';
import { createFhirService } from '../../azure/createFhirService';
import { createResourceGroup } from '../../azure/listResourceGroups';
import { Blade } from '../../components/Blade';
import { useLeaveGuard, useNavigation } from '../../components/navigation';
import { useNotifications } from '../../components/notifications';
import { AdditionalSettingsTab } from './AdditionalSettingsTab';
import { BasicsTab } from './BasicsTab';
import { clearDraft, loadDraft, saveDraft } from './draft';
import { ReviewTab } from './ReviewTab';
import { TagsTab } from './TagsTab';
import { useWizardData } from './useWizardData';
import { useWizardStyles } from './wizard.styles';
import { initialState, problems, TABS, toNewService, wizardReducer, type Problem, type TabId, type WizardState } from './wizardState';

const TITLE = 'Create Azure API for FHIR';

/** Whether the draft holds anything the user entered. */
function entered(state: WizardState, initial: WizardState): boolean {
  return (
    state.subscriptionId !== initial.subscriptionId || state.resourceGroup !== initial.resourceGroup || state.name !== initial.name ||
    state.location !== initial.location || state.fhirVersion !== initial.fhirVersion || state.authority !== initial.authority ||
    state.audienceEdited || state.throughput !== initial.throughput || state.encryption !== initial.encryption ||
    state.keyUri !== initial.keyUri || state.crossTenantAppId !== initial.crossTenantAppId || state.tags.some((t) => t.name || t.value)
  );
}

const FIELDS_WITH_TEXT: Partial<Record<Problem['field'], keyof WizardState>> = {
  name: 'name', keyUri: 'keyUri', crossTenantAppId: 'crossTenantAppId', authority: 'authority', audience: 'audience',
};

export default function CreateAccountBlade() {
  const styles = useWizardStyles();
  const { env, credential, account } = useSession();
  const draftOwner = account?.homeAccountId ?? 'anonymous';
  const navigation = useNavigation();
  const notifications = useNotifications();
  const queryClient = useQueryClient();
  const initial = useMemo(() => initialState(env), [env]);
  const [state, dispatch] = useReducer(wizardReducer, undefined, () => loadDraft(draftOwner) ?? initial);
  const [deploying, setDeploying] = useState(false);
  const [deploymentError, setDeploymentError] = useState<AzureError>();
  const [completed, setCompleted] = useState<{ id: string; name: string }>();
  const deployingRef = useRef(false);
  /** When the first attempt to create this name started: a retry that finds the account it made follows it. */
  const firstAttempt = useRef<{ name: string; at: number } | null>(null);
  const data = useWizardData(state);

  useEffect(() => {
    if (!completed) saveDraft(draftOwner, state);
  }, [state, completed, draftOwner]);

  const dirty = !completed && entered(state, initial);
  useLeaveGuard(dirty, {
    title: 'Leave Create Azure API for FHIR?',
    message: 'Your entries are kept as a draft in this browser tab, and Create Azure API for FHIR opens with them again. Leave now?',
  });

  const local = problems(state, env);
  const shown = (field: Problem['field']) => {
    const p = local.find((x) => x.field === field);
    if (!p) return undefined;
    const text = FIELDS_WITH_TEXT[field as keyof typeof FIELDS_WITH_TEXT];
    const typed = text ? String(state[text] ?? '').trim() !== '' : false;
    return state.checked.includes(p.tab) || typed ? p.message : undefined;
  };

  // What only Azure can say: write permission, name availability, and the key's pre-flight checks.
  const remote: Problem[] = [];
  if (data.permission.data === false) {
    remote.push({ tab: 'basics', field: 'subscription', label: 'Permission', message: 'You have read-only access here: creating an account needs Owner or Contributor (Microsoft.HealthcareApis/services/write).' });
  }
  if (state.subscriptionId && data.subscriptions.data && !data.subscriptions.data.some((s) => s.id === state.subscriptionId)) {
    remote.push({ tab: 'basics', field: 'subscription', label: 'Subscription', message: "This subscription is not one you can see any more: select another." });
  }
  if (data.nameAvailability?.data && !data.nameAvailability.data.available) {
    remote.push({ tab: 'basics', field: 'name', label: 'Account name', message: data.nameAvailability.data.message ?? 'This name is not available.' });
  }
  for (const c of data.keyChecks?.data?.checks ?? []) {
    if (c.status === 'fail') remote.push({ tab: 'additional', field: 'keyUri', label: c.label, message: c.message });
  }
  if (data.keyChecks?.error) {
    remote.push({ tab: 'additional', field: 'keyUri', label: 'Key', message: `The key couldn't be checked: ${toAzureError(data.keyChecks.error).message}` });
  }
  const blocking = [...local, ...remote];
  const validating =
    (!!state.subscriptionId && data.permission.isPending) ||
    (!!data.nameAvailability && data.nameAvailability.isFetching) ||
    (!!data.keyChecks && data.keyChecks.isFetching) ||
    (state.encryption === 'customer' && local.every((p) => p.field !== 'keyUri') && !data.keyChecks);

  const tabIndex = TABS.findIndex((t) => t.id === state.tab);
  // Moving by a button or a link (not the tab list, which keeps its focus) puts focus at the top of the new panel.
  const panel = useRef<HTMLDivElement>(null);
  const fromTabList = useRef(false);
  const firstRender = useRef(true);
  useEffect(() => {
    if (!firstRender.current && !fromTabList.current) panel.current?.focus();
    firstRender.current = false;
    fromTabList.current = false;
  }, [state.tab]);
  const goTo = (tab: TabId) => dispatch({ type: 'tab', tab });
  const reviewAndCreate = () => {
    dispatch({ type: 'checkAll' });
    goTo('review');
  };

  async function create() {
    if (deployingRef.current || blocking.length || validating) return;
    deployingRef.current = true;
    setDeploying(true);
    setDeploymentError(undefined);
    const now = Date.now();
    if (firstAttempt.current?.name !== state.name) firstAttempt.current = { name: state.name, at: now };
    const startedAt = firstAttempt.current.at;
    const toastId = `deployment-${now}`;
    const name = state.name;
    notifications.show({ id: toastId, intent: 'progress', title: 'Deployment in progress…', body: `Creating Azure API for FHIR '${name}' in ${state.resourceGroup}.` });
    try {
      if (state.newResourceGroup) await createResourceGroup(env, credential, state.subscriptionId, state.resourceGroup, state.location);
      const created = await createFhirService(env, credential, toNewService(state), { startedAt });
      const id = created.id ?? `/subscriptions/${state.subscriptionId}/resourceGroups/${state.resourceGroup}/providers/Microsoft.HealthcareApis/services/${name}`;
      clearDraft(draftOwner);
      setCompleted({ id, name });
      void queryClient.invalidateQueries({ queryKey: ['fhir-accounts'] });
      notifications.update({
        id: toastId, intent: 'success', title: 'Deployment succeeded', body: `Azure API for FHIR '${name}' was created.`,
        action: { label: 'Go to resource', onClick: () => navigation.navigate(`/resource${id}`) },
      });
    } catch (error) {
      const e = toAzureError(error);
      setDeploymentError(e);
      notifications.update({ id: toastId, intent: 'error', title: 'Deployment failed', body: `${e.code}: ${e.message}` });
    } finally {
      deployingRef.current = false;
      setDeploying(false);
    }
  }

  const startOver = () => {
    clearDraft(draftOwner);
    setCompleted(undefined);
    dispatch({ type: 'restore', state: initialState(env) });
  };

  if (completed) {
    return (
      <Blade title={TITLE} crumbs={[{ label: 'Azure API for FHIR', href: '#/' }, { label: TITLE }]} closeHref="#/" closeLabel="Close">
        <div className={styles.panel}>
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>Your deployment is complete</MessageBarTitle>
              Azure API for FHIR '{completed.name}' was created.
            </MessageBarBody>
            <MessageBarActions>
              <Button appearance="primary" onClick={() => navigation.navigate(`/resource${completed.id}`)}>Go to resource</Button>
              <Button onClick={startOver}>Create another</Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      </Blade>
    );
  }

  const tabProps = { state, dispatch, data, env, shown };
  return (
    <Blade title={TITLE} crumbs={[{ label: 'Azure API for FHIR', href: '#/' }, { label: TITLE }]} closeHref="#/" closeLabel="Close">
      <TabList className={styles.tabs} selectedValue={state.tab} onTabSelect={(_, d) => {
        fromTabList.current = true;
        goTo(d.value as TabId);
      }} aria-label="Create steps">
        {TABS.map((t) => (
          <Tab key={t.id} value={t.id} id={`tab-${t.id}`} aria-controls="wizard-panel">{t.label}</Tab>
        ))}
      </TabList>
      <div id="wizard-panel" role="tabpanel" aria-labelledby={`tab-${state.tab}`} ref={panel} tabIndex={-1}>
        {state.tab === 'basics' && <BasicsTab {...tabProps} />}
        {state.tab === 'additional' && <AdditionalSettingsTab {...tabProps} />}
        {state.tab === 'tags' && <TagsTab {...tabProps} />}
        {state.tab === 'review' && <ReviewTab {...tabProps} blocking={blocking} validating={validating} deploymentError={deploymentError} />}
      </div>
      <div className={styles.footer} role="group" aria-label="Wizard navigation">
        {state.tab === 'review' ? (
          <Button appearance="primary" disabledFocusable={deploying || validating || blocking.length > 0} onClick={() => void create()}>
            {deploying ? 'Creating…' : 'Create'}
          </Button>
        ) : (
          <Button appearance="primary" onClick={reviewAndCreate}>Review + create</Button>
        )}
        <Button disabled={tabIndex === 0 || deploying} onClick={() => goTo(TABS[tabIndex - 1]!.id)}>Previous</Button>
        {state.tab !== 'review' && (
          <Button onClick={() => goTo(TABS[tabIndex + 1]!.id)}>Next : {TABS[tabIndex + 1]!.label}</Button>
        )}
        {deploying && <Text aria-live="polite">Deployment in progress…</Text>}
      </div>
    </Blade>
  );
}
