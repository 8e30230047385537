import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalXXL },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
});

export function SignedOutPage({ onSignIn }: { onSignIn: () => void }) {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <h1 className={styles.title}>You're signed out</h1>
      <Text>Sign in to manage the customer-managed keys of your Azure API for FHIR accounts.</Text>
      <Button appearance="primary" onClick={onSignIn}>Sign in</Button>
    </main>
  );
}
