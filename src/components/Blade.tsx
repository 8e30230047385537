import { Fragment, type ReactNode } from 'react';
import {
  Breadcrumb, BreadcrumbButton, BreadcrumbDivider, BreadcrumbItem, Button, makeStyles, mergeClasses, Text, tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  blade: { display: 'flex', flexDirection: 'column', minHeight: 'calc(100vh - 48px)', backgroundColor: tokens.colorNeutralBackground1 },
  top: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXL} 0` },
  header: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXL}` },
  titles: { display: 'flex', flexDirection: 'column', flexGrow: 1 },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  subtitle: { color: tokens.colorNeutralForeground3 },
  body: { flexGrow: 1, display: 'flex', flexDirection: 'column' },
});

export interface Crumb {
  label: string;
  href?: string;
}

/** A portal blade: breadcrumb, title and subtitle, a close button, and the content. */
export function Blade(props: { title: string; subtitle?: string; crumbs: Crumb[]; closeHref?: string; closeLabel?: string; className?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <main className={mergeClasses(styles.blade, props.className)} aria-labelledby="blade-title">
      <nav className={styles.top} aria-label="Breadcrumb">
        <Breadcrumb size="small">
          {props.crumbs.map((c, i) => (
            <Fragment key={c.label}>
              {i > 0 && <BreadcrumbDivider />}
              <BreadcrumbItem>
                <BreadcrumbButton href={c.href} current={!c.href}>{c.label}</BreadcrumbButton>
              </BreadcrumbItem>
            </Fragment>
          ))}
        </Breadcrumb>
      </nav>
      <div className={styles.header}>
        <div className={styles.titles}>
          <h1 id="blade-title" className={styles.title}>{props.title}</h1>
          {props.subtitle && <Text className={styles.subtitle}>{props.subtitle}</Text>}
        </div>
        {props.closeHref && (
          <Button as="a" href={props.closeHref} appearance="subtle" icon={<Dismiss24Regular />} aria-label={props.closeLabel ?? 'Close'} />
        )}
      </div>
      <div className={styles.body}>{props.children}</div>
    </main>
  );
}
