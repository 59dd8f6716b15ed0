export const campaignKindLabels: Record<string, string> = {
  renewal: 'Renouvellement',
  project: 'Appel à projets',
  candidature: 'Candidature',
  'family-aid': 'Aide aux familles',
};

export const campaignStatusLabels: Record<string, string> = { draft: 'Brouillon', published: 'Publiée', archived: 'Archivée' };

export const dossierStates = ['brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'classe_sans_suite'] as const;
export type DossierState = (typeof dossierStates)[number];

export const dossierStateLabels: Record<string, string> = {
  brouillon: 'Brouillon',
  en_construction: 'En construction',
  en_instruction: 'En instruction',
  accepte: 'Accepté',
  refuse: 'Refusé',
  classe_sans_suite: 'Classé sans suite',
};

/** The file's history lines that are not a change of state. */
export const dossierEventLabels: Record<string, string> = {
  'opinion-requested': 'Avis demandé',
  'opinion-given': 'Avis rendu',
  conflict: 'Conflit d’intérêts déclaré',
  letter: 'Courrier de décision',
  'letter-edited': 'Courrier modifié',
  'social-fund': 'Fonds social',
  delivery: 'Remise de l’équipement',
  loan: 'Prêt d’équipements au parc',
  'loan-returned': 'Prêt rendu au stock',
};
export const eventLabel = (kind: string) => dossierEventLabels[kind] ?? kind;

export const stateColors: Record<string, string> = { accepte: 'teal', refuse: 'red', classe_sans_suite: 'gray', en_instruction: 'blue', en_construction: 'yellow', brouillon: 'gray' };

export const stateLabel = (state: string | null | undefined) => (state ? (dossierStateLabels[state] ?? state) : '—');

const parisDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
const parisDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short' });

/** Instants shown in Paris time whatever the browser's zone: campaign deadlines are Paris deadlines. */
export const parisWhen = (iso: string | null | undefined) => (iso ? parisDateTime.format(new Date(iso)) : '—');
export const parisDay = (iso: string | null | undefined) => (iso ? parisDate.format(new Date(iso)) : '—');

export const euros = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '—' : new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** An answer as text: lists joined, booleans in French, objects (files, addresses) summarised. */
export function answerText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Non renseigné';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (Array.isArray(value)) return value.map(answerText).join(', ');
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).map(answerText).join(' · ');
  return String(value);
}
