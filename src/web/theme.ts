import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** A deep institutional blue; shade 7 and above keep a 4.5:1 contrast with white text (WCAG AA). */
const coherence: MantineColorsTuple = [
  '#edf2fc',
  '#d9e2f6',
  '#b0c3ec',
  '#85a2e1',
  '#6286d8',
  '#4b74d3',
  '#3d69cf',
  '#2e58b5',
  '#244da3',
  '#153f8f',
];

export const theme = createTheme({
  primaryColor: 'coherence',
  primaryShade: 8,
  colors: { coherence },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'always',
  components: {
    Anchor: { defaultProps: { underline: 'always' } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Fermer la notification' } } },
    CloseButton: { defaultProps: { 'aria-label': 'Fermer' } },
    // Badges carry words ("Ouvert", "Refusé…"): never truncated, never upper-cased.
    Badge: { styles: { root: { flexShrink: 0, overflow: 'visible', textTransform: 'none', fontSize: '0.8125rem' }, label: { overflow: 'visible' } } },
  },
});

/**
 * Text on "light" badges and alerts: Mantine uses shade 8 of each colour, which falls under 4.5:1
 * on its tinted background for teal, orange, red… These darker tones keep WCAG AA contrast.
 */
const lightTextColors: Record<string, string> = {
  coherence: '#153f8f',
  teal: '#05664a',
  green: '#1f6b2a',
  red: '#a51d1d',
  orange: '#8a3c00',
  yellow: '#6f5200',
  grape: '#7b1f87',
  violet: '#5227a8',
  gray: '#3f454b',
  blue: '#174a86',
};

/** Darker secondary text than Mantine's default so "dimmed" text still reaches 4.5:1 on white. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...Object.fromEntries(Object.entries(lightTextColors).map(([name, value]) => [`--mantine-color-${name}-light-color`, value])),
    '--mantine-color-dimmed': '#555d66',
    '--mantine-color-placeholder': '#6b7280',
    '--mantine-color-anchor': '#244da3',
    // a field's error message and its invalid text: Mantine's red 6 is 3.3:1 on white, this one 5.9:1
    '--mantine-color-error': '#c01e1e',
  },
  dark: {},
});
