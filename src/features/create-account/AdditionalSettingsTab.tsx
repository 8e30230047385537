import { Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, SpinButton, Text } from '@fluentui/react-components';
import { KeyUriField } from '../../components/KeyUriField';
import { locationDisplayName } from '../../lib/locations';
import type { TabProps } from './BasicsTab';
import { useWizardStyles } from './wizard.styles';
import { MAX_THROUGHPUT, MIN_THROUGHPUT, THROUGHPUT_STEP } from './wizardState';

export const PERMANENT_CHOICE =
  "The encryption choice can't be changed after the account is created. However, you can view and update the encryption key if the Customer-managed key option is selected.";

export function AdditionalSettingsTab({ state, dispatch, env, shown }: TabProps) {
  const styles = useWizardStyles();
  const sovereign = env.dataSovereignRegions.includes(state.location);

  return (
    <div className={styles.panel}>
      <fieldset className={styles.section}>
        <legend className={styles.sectionTitle}>Authentication</legend>
        <Text className={styles.intro}>The identity provider that issues tokens for the FHIR API, and the audience those tokens are for.</Text>
        <Field label="Authority" required validationState={shown('authority') ? 'error' : 'none'} validationMessage={shown('authority')}>
          <Input value={state.authority} onChange={(_, d) => dispatch({ type: 'field', field: 'authority', value: d.value, env })} spellCheck={false} />
        </Field>
        <Field label="Audience" required validationState={shown('audience') ? 'error' : 'none'} validationMessage={shown('audience')}
          hint={!state.audienceEdited ? 'Follows the account name until you change it.' : undefined}>
          <Input value={state.audience} onChange={(_, d) => dispatch({ type: 'audience', value: d.value })} spellCheck={false} />
        </Field>
      </fieldset>

      <fieldset className={styles.section}>
        <legend className={styles.sectionTitle}>Database settings</legend>
        <Field label="Provisioned throughput (RU/s)" required validationState={shown('throughput') ? 'error' : 'none'} validationMessage={shown('throughput')}
          hint="400 to 10,000 RU/s in steps of 100. More needs a support request.">
          <SpinButton
            value={state.throughput}
            min={MIN_THROUGHPUT}
            max={MAX_THROUGHPUT}
            step={THROUGHPUT_STEP}
            onChange={(_, d) => {
              const typed = d.displayValue !== undefined ? Number(d.displayValue.replace(/[,\s]/g, '')) : undefined;
              const value = d.value ?? (typed !== undefined && d.displayValue!.trim() !== '' && Number.isFinite(typed) ? typed : null);
              dispatch({ type: 'throughput', value });
            }}
          />
        </Field>
        <Field label="Data encryption" required>
          <RadioGroup value={state.encryption} onChange={(_, d) => dispatch({ type: 'encryption', value: d.value === 'customer' ? 'customer' : 'service' })}>
            <Radio value="service" label="Service-managed key" />
            <Radio value="customer" label="Customer-managed key" />
          </RadioGroup>
        </Field>
        {state.encryption === 'service' && (
          <Text className={styles.intro}>Your data is encrypted with keys that Microsoft manages.</Text>
        )}
        {state.encryption === 'customer' && (
          <>
            <MessageBar intent="info">
              <MessageBarBody>{PERMANENT_CHOICE}</MessageBarBody>
            </MessageBar>
            <KeyUriField
              value={state.keyUri}
              onChange={(value) => dispatch({ type: 'field', field: 'keyUri', value, env })}
              subscriptionId={state.subscriptionId}
              showEmptyProblem={!!shown('keyUri')}
            />
            {sovereign && (
              <Field label="Cross-tenant application ID" required validationState={shown('crossTenantAppId') ? 'error' : 'none'} validationMessage={shown('crossTenantAppId')}
                hint={`${locationDisplayName(state.location)} is a data-sovereign region: a customer-managed key there needs the application ID Microsoft issued for it.`}>
                <Input value={state.crossTenantAppId} onChange={(_, d) => dispatch({ type: 'field', field: 'crossTenantAppId', value: d.value, env })} spellCheck={false} />
              </Field>
            )}
          </>
        )}
      </fieldset>
    </div>
  );
}
