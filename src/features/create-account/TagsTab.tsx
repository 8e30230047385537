import { Button, Field, Input, Text } from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { MAX_TAGS, tagProblems } from '../../lib/azureNames';
import type { TabProps } from './BasicsTab';
import { useWizardStyles } from './wizard.styles';

export function TagsTab({ state, dispatch }: TabProps) {
  const styles = useWizardStyles();
  const problems = tagProblems(state.tags);
  const filled = state.tags.filter((t) => t.name || t.value).length;
  return (
    <div className={styles.panel}>
      <Text className={styles.intro}>
        Tags are name/value pairs that let you categorize resources and view consolidated billing. Up to {MAX_TAGS} tags; names up to 512 characters, values up to 256.
      </Text>
      <div role="list" aria-label="Tags">
        {state.tags.map((t, i) => {
          const p = problems.get(t.id);
          const last = i === state.tags.length - 1 && !t.name && !t.value;
          return (
            <div role="listitem" key={t.id} className={styles.tagRow}>
              <Field label={`Tag ${i + 1} name`} validationState={p?.name ? 'error' : 'none'} validationMessage={p?.name}>
                <Input value={t.name} onChange={(_, d) => dispatch({ type: 'tag', id: t.id, name: d.value })} />
              </Field>
              <Field label={`Tag ${i + 1} value`} validationState={p?.value ? 'error' : 'none'} validationMessage={p?.value}>
                <Input value={t.value} onChange={(_, d) => dispatch({ type: 'tag', id: t.id, value: d.value })} />
              </Field>
              <Button
                appearance="subtle"
                icon={<Delete20Regular />}
                aria-label={`Delete tag ${i + 1}`}
                disabled={last}
                style={{ marginTop: 26 }}
                onClick={() => dispatch({ type: 'removeTag', id: t.id })}
              />
            </div>
          );
        })}
      </div>
      <Text size={200} aria-live="polite">{filled === 1 ? '1 tag' : `${filled} tags`}</Text>
    </div>
  );
}
