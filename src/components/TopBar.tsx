import { Avatar, Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { SignOut20Regular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingInline: tokens.spacingHorizontalL,
    minHeight: '48px',
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForegroundOnBrand, textDecorationLine: 'none' },
  spacer: { flexGrow: 1 },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  signOut: { color: tokens.colorNeutralForegroundOnBrand },
});

export interface TopBarProps {
  environmentLabel: string;
  userName?: string;
  onSignOut?: () => void;
}

/** The portal's banner: product name, where it runs, who is signed in and Sign out. */
export function TopBar({ environmentLabel, userName, onSignOut }: TopBarProps) {
  const styles = useStyles();
  return (
    <header className={styles.bar} role="banner">
      <a className={styles.brand} href="#/">FHIR CMK Portal</a>
      <Badge appearance="tint" color="informative">{environmentLabel}</Badge>
      <span className={styles.spacer} />
      {userName && (
        <span className={styles.user}>
          <Avatar name={userName} size={24} color="colorful" aria-hidden />
          <Text>{userName}</Text>
        </span>
      )}
      {onSignOut && (
        <Button appearance="transparent" className={styles.signOut} icon={<SignOut20Regular />} onClick={onSignOut}>
          Sign out
        </Button>
      )}
    </header>
  );
}
