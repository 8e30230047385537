import { useState } from 'react';
import {
  Button, Dropdown, Field, Input, Link, MessageBar, MessageBarBody, MessageBarTitle, Option, Popover, PopoverSurface, PopoverTrigger, Text,
} from '@fluentui/react-components';
import type { Environment } from '../../config/environment';
import { resourceGroupNameProblem } from '../../lib/azureNames';
import { FHIR_REGIONS, locationDisplayName } from '../../lib/locations';
import { toAzureError } from '../../azure/armError';
import type { WizardData } from './useWizardData';
import { useWizardStyles } from './wizard.styles';
import type { Problem, WizardAction, WizardState } from './wizardState';

interface TabProps {
  state: WizardState;
  dispatch: (a: WizardAction) => void;
  data: WizardData;
  env: Environment;
  /** The problem to show for a field now, if any. */
  shown: (field: Problem['field']) => string | undefined;
}

function NewResourceGroup({ onCreate, existing }: { onCreate: (name: string) => void; existing: string[] }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const problem = name ? (resourceGroupNameProblem(name) ?? (existing.some((g) => g.toLowerCase() === name.toLowerCase()) ? 'A resource group with this name already exists; select it in the list.' : undefined)) : undefined;
  const ok = () => {
    if (!name || problem) return;
    onCreate(name);
    setOpen(false);
  };
  return (
    <Popover open={open} onOpenChange={(_, d) => setOpen(d.open)} trapFocus>
      <PopoverTrigger disableButtonEnhancement>
        <Link as="button">Create new</Link>
      </PopoverTrigger>
      <PopoverSurface aria-label="Create a new resource group">
        <form onSubmit={(e) => { e.preventDefault(); ok(); }}>
          <Text as="p">A resource group is a container that holds related resources for an Azure solution.</Text>
          <Field label="Name" required validationMessage={problem} validationState={problem ? 'error' : 'none'}>
            <Input value={name} onChange={(_, d) => setName(d.value)} />
          </Field>
          <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
            <Button appearance="primary" type="submit" disabled={!name || !!problem}>OK</Button>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
          </div>
        </form>
      </PopoverSurface>
    </Popover>
  );
}

export function BasicsTab({ state, dispatch, data, env, shown }: TabProps) {
  const styles = useWizardStyles();
  const subs = data.subscriptions.data ?? [];
  const groups = data.resourceGroups.data ?? [];
  const sub = subs.find((s) => s.id === state.subscriptionId);
  const nameProblem = shown('name');
  const availability = data.nameAvailability;
  let nameMessage: string | undefined = nameProblem;
  let nameState: 'error' | 'success' | 'none' | 'warning' = nameProblem ? 'error' : 'none';
  if (!nameProblem && state.name && availability) {
    if (availability.isFetching) {
      nameMessage = 'Checking whether the name is available…';
    } else if (availability.data?.available) {
      nameMessage = 'The name is available.';
      nameState = 'success';
    } else if (availability.data) {
      nameMessage = availability.data.message ?? 'This name is not available.';
      nameState = 'error';
    } else if (availability.error) {
      nameMessage = `The name couldn't be checked: ${toAzureError(availability.error).message}`;
      nameState = 'warning';
    }
  }

  return (
    <div className={styles.panel}>
      <Text className={styles.intro}>
        Azure API for FHIR is a managed FHIR service. Choose where the account lives and its name; how its data is encrypted comes next, in Additional settings.
      </Text>
      {data.permission.data === false && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>You can't create an account here</MessageBarTitle>
            You have read-only access to {state.newResourceGroup || !state.resourceGroup ? `the subscription ${sub?.name ?? ''}` : `the resource group ${state.resourceGroup}`}.
            Creating an account needs the permission {'Microsoft.HealthcareApis/services/write'} (Owner or Contributor). Ask an owner of the subscription for access, or choose another subscription.
          </MessageBarBody>
        </MessageBar>
      )}
      <fieldset className={styles.section}>
        <legend className={styles.sectionTitle}>Project details</legend>
        <Field label="Subscription" required validationState={shown('subscription') || data.subscriptions.error ? 'error' : 'none'}
          validationMessage={data.subscriptions.error ? `The subscriptions couldn't be listed: ${toAzureError(data.subscriptions.error).message}` : shown('subscription')}>
          <Dropdown
            placeholder={data.subscriptions.isPending ? 'Loading subscriptions…' : 'Select a subscription'}
            value={sub?.name ?? ''}
            selectedOptions={state.subscriptionId ? [state.subscriptionId] : []}
            onOptionSelect={(_, d) => d.optionValue && dispatch({ type: 'subscription', subscriptionId: d.optionValue })}
          >
            {subs.map((s) => <Option key={s.id} value={s.id}>{s.name}</Option>)}
          </Dropdown>
        </Field>
        <Field label="Resource group" required validationState={shown('resourceGroup') ? 'error' : 'none'} validationMessage={shown('resourceGroup')}
          hint={state.newResourceGroup ? `A new resource group '${state.resourceGroup}' is created with the account.` : undefined}>
          <Dropdown
            disabled={!state.subscriptionId}
            placeholder={!state.subscriptionId ? 'Select a subscription first' : data.resourceGroups.isPending ? 'Loading resource groups…' : 'Select a resource group'}
            value={state.resourceGroup ? (state.newResourceGroup ? `(New) ${state.resourceGroup}` : state.resourceGroup) : ''}
            selectedOptions={state.resourceGroup ? [state.resourceGroup] : []}
            onOptionSelect={(_, d) => d.optionValue && dispatch({ type: 'resourceGroup', name: d.optionValue, isNew: false })}
          >
            {state.newResourceGroup && <Option value={state.resourceGroup} text={`(New) ${state.resourceGroup}`}>{`(New) ${state.resourceGroup}`}</Option>}
            {groups.map((g) => <Option key={g.name} value={g.name}>{g.name}</Option>)}
          </Dropdown>
        </Field>
        {state.subscriptionId && (
          <div className={styles.inline}>
            <NewResourceGroup existing={groups.map((g) => g.name)} onCreate={(name) => dispatch({ type: 'resourceGroup', name, isNew: true })} />
          </div>
        )}
      </fieldset>
      <fieldset className={styles.section}>
        <legend className={styles.sectionTitle}>Instance details</legend>
        <Field label="Account name" required validationState={nameState} validationMessage={nameMessage}
          hint={!nameMessage ? '3–24 lower-case letters, digits and hyphens. The FHIR endpoint will be https://{name}.' + env.fhirHostSuffix : undefined}>
          <Input value={state.name} onChange={(_, d) => dispatch({ type: 'field', field: 'name', value: d.value, env })} maxLength={64} spellCheck={false} autoComplete="off" />
        </Field>
        <Field label="Location" required validationState={shown('location') ? 'error' : 'none'} validationMessage={shown('location')}>
          <Dropdown
            placeholder="Select a location"
            value={state.location ? locationDisplayName(state.location) : ''}
            selectedOptions={state.location ? [state.location] : []}
            onOptionSelect={(_, d) => d.optionValue && dispatch({ type: 'field', field: 'location', value: d.optionValue, env })}
          >
            {FHIR_REGIONS.map((r) => <Option key={r} value={r}>{locationDisplayName(r)}</Option>)}
          </Dropdown>
        </Field>
        <Field label="FHIR version" required>
          <Dropdown
            value={state.fhirVersion === 'fhir-R4' ? 'R4' : 'STU3'}
            selectedOptions={[state.fhirVersion]}
            onOptionSelect={(_, d) => d.optionValue && dispatch({ type: 'field', field: 'fhirVersion', value: d.optionValue, env })}
          >
            <Option value="fhir-R4">R4</Option>
            <Option value="fhir-Stu3">STU3</Option>
          </Dropdown>
        </Field>
      </fieldset>
    </div>
  );
}

export type { TabProps };
