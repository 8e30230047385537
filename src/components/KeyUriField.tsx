import { Button, Field, Input, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useSession } from '../auth/session';
import { validateKeyUri, VERSIONED_KEY_URI_REASON } from '../lib/keyUri';
import { KeyChecks, useKeyChecks } from './KeyChecks';
import { useKeyPicker } from './keyPicker';

const useStyles = makeStyles({
  inline: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/**
 * The Key URI of a customer-managed key: typed, pasted or picked ("Select from key vault"); checked
 * as typed; a versioned URI is offered without its version; then the checks Azure makes at deployment.
 */
export function KeyUriField(props: {
  value: string;
  onChange: (value: string) => void;
  subscriptionId?: string;
  /** Show the problem even when the field is empty (after Review + create or Save). */
  showEmptyProblem?: boolean;
  readOnly?: boolean;
  /** Run the deployment checks (default); the Database blade runs them only for a changed key. */
  checks?: boolean;
}) {
  const styles = useStyles();
  const { env } = useSession();
  const openKeyPicker = useKeyPicker();
  const key = validateKeyUri(props.value, env.keyVaultSuffixes);
  const versioned = key.ok && key.versioned ? key : undefined;
  const problem = !key.ok && (props.value.trim() || props.showEmptyProblem) ? key.message : undefined;
  const runChecks = !props.readOnly && props.checks !== false;
  const checks = useKeyChecks(props.value, runChecks);
  return (
    <>
      <Field
        label="Key URI"
        required
        validationState={versioned ? 'warning' : problem ? 'error' : 'none'}
        validationMessage={versioned ? `This URI names one version of the key (${versioned.parts.version}). ${VERSIONED_KEY_URI_REASON}, so it needs the URI without the version.` : problem}
        hint={!versioned && !problem ? `The key's URI without a version, for example https://{vault}.${env.keyVaultSuffixes[0]}/keys/{key}. New versions of the key are used automatically.` : undefined}
      >
        <Input value={props.value} readOnly={props.readOnly} onChange={(_, d) => props.onChange(d.value)} spellCheck={false} autoComplete="off" />
      </Field>
      {openKeyPicker && !props.readOnly && (
        <div className={styles.inline}>
          <Link as="button" onClick={() => openKeyPicker({ subscriptionId: props.subscriptionId, onSelect: props.onChange })}>Select from key vault</Link>
        </div>
      )}
      {versioned && !props.readOnly && (
        <div className={styles.inline}>
          <Button onClick={() => props.onChange(versioned.parts.versionless)}>Use versionless URI</Button>
          <Text size={200}>{versioned.parts.versionless}</Text>
        </div>
      )}
      {runChecks && <KeyChecks query={checks} />}
    </>
  );
}
