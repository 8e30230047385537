import { Button, Field, Input, Link, MessageBar, MessageBarBody, Radio, RadioGroup, SpinButton, Text } from '@fluentui/react-components';
import { useKeyPicker } from '../../components/keyPicker';
import { validateKeyUri, VERSIONED_KEY_URI_REASON } from '../../lib/keyUri';
import { locationDisplayName } from '../../lib/locations';
import { KeyChecks } from './KeyChecks';
import type { TabProps } from './BasicsTab';
import { useWizardStyles } from './wizard.styles';
import { MAX_THROUGHPUT, MIN_THROUGHPUT, THROUGHPUT_STEP } from './wizardState';

export const PERMANENT_CHOICE =
  "The encryption choice can't be changed after the account is created. However, you can view and update the encryption key if the Customer-managed key option is selected.";

export function AdditionalSettingsTab({ state, dispatch, data, env, shown }: TabProps) {
  const styles = useWizardStyles();
  const key = state.encryption === 'customer' ? validateKeyUri(state.keyUri, env.keyVaultSuffixes) : undefined;
  const versioned = key?.ok && key.versioned ? key : undefined;
  const keyProblem = shown('keyUri') ?? (state.keyUri.trim() && key && !key.ok ? key.message : undefined);
  const sovereign = env.dataSovereignRegions.includes(state.location);
  const openKeyPicker = useKeyPicker();

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
            <Field
              label="Key URI"
              required
              validationState={versioned ? 'warning' : keyProblem ? 'error' : 'none'}
              validationMessage={versioned ? `This URI names one version of the key (${versioned.parts.version}). ${VERSIONED_KEY_URI_REASON}, so it needs the URI without the version.` : keyProblem}
              hint={!versioned && !keyProblem ? `The key's URI without a version, for example https://{vault}.${env.keyVaultSuffixes[0]}/keys/{key}. New versions of the key are used automatically.` : undefined}
            >
              <Input value={state.keyUri} onChange={(_, d) => dispatch({ type: 'field', field: 'keyUri', value: d.value, env })} spellCheck={false} autoComplete="off" />
            </Field>
            {openKeyPicker && (
              <div className={styles.inline}>
                <Link as="button" onClick={() => openKeyPicker({ subscriptionId: state.subscriptionId, onSelect: (uri) => dispatch({ type: 'field', field: 'keyUri', value: uri, env }) })}>
                  Select from key vault
                </Link>
              </div>
            )}
            {versioned && (
              <div className={styles.inline}>
                <Button onClick={() => dispatch({ type: 'field', field: 'keyUri', value: versioned.parts.versionless, env })}>Use versionless URI</Button>
                <Text size={200}>{versioned.parts.versionless}</Text>
              </div>
            )}
            <KeyChecks query={data.keyChecks} />
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
