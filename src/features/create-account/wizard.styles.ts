import { makeStyles, tokens } from '@fluentui/react-components';

export const useWizardStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '760px', boxSizing: 'border-box', width: '100%', padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}` },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, border: 'none', margin: 0, padding: 0, minWidth: 0 },
  sectionTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalS} 0 0`, padding: 0 },
  intro: { color: tokens.colorNeutralForeground2 },
  inline: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  checks: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  check: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  pass: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  fail: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0 },
  footer: {
    position: 'sticky', bottom: 0, display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1, marginTop: 'auto',
  },
  tabs: { paddingInline: tokens.spacingHorizontalL },
  reviewGrid: { display: 'grid', gridTemplateColumns: 'minmax(180px, max-content) 1fr', columnGap: tokens.spacingHorizontalXXL, rowGap: tokens.spacingVerticalS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  definition: { margin: 0, wordBreak: 'break-all' },
  code: {
    fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalM, borderRadius: tokens.borderRadiusMedium, overflowX: 'auto', whiteSpace: 'pre', margin: `${tokens.spacingVerticalS} 0`,
  },
  tagRow: { display: 'grid', gridTemplateColumns: '1fr 1fr auto', gap: tokens.spacingHorizontalM, alignItems: 'start' },
});
