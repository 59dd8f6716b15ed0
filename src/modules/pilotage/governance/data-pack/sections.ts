/** What a data pack shows: sections of labelled figures and bars, kept as issued in `figures`. */
export interface PackBar {
  label: string;
  /** 0 to 1. */
  value: number;
  /** 0 to 1, drawn as a mark on the bar. */
  target?: number | null;
}

export interface PackSection {
  title: string;
  rows: [string, string][];
  bars?: PackBar[];
  note?: string;
}

export interface PackFigures {
  title: string;
  subtitle: string;
  agenda: string[];
  issuedAt: string;
  period: { from: string; to: string };
  sections: PackSection[];
}

const fr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
export const number = (n: number) => fr.format(n);
export const percent = (share: number | null) => (share === null ? 'sans donnée' : `${fr.format(share * 100)} %`);
export const euros = (cents: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(Math.round(cents / 100))} €`;
