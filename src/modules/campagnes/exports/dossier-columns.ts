import { displayOnlyKinds, type FormField } from '../../../shared/campaign-form.js';
import type { ExportColumn } from '../../../server/platform/export.js';
import { parisText } from '../paris-time.js';
import { stateLabels } from '../dossier-states.js';

/** One exported file: the core's row, its school, and the family aid's figures when it is one. */
export interface ExportedDossier {
  number: number;
  state: string;
  applicantLabel: string;
  formNumber: number;
  createdAt: Date;
  submittedAt: Date | null;
  instructionAt: Date | null;
  decidedAt: Date | null;
  updatedAt: Date;
  uai: string | null;
  establishmentName: string | null;
  answers: Record<string, unknown>;
  annotations: Record<string, unknown>;
  aid: {
    pupilFirstName: string | null;
    pupilLastName: string | null;
    pupilClass: string | null;
    deviceCode: string | null;
    priceCents: number | null;
    householdIncomeCents: number | null;
    taxNoticeDocumentId: string | null;
    aidCents: number;
    socialFundCents: number;
    familyCents: number;
    insurance: boolean;
    instalments: number;
    deliveredAt: Date | null;
    deliveredSerial: string | null;
  } | null;
}

type Cell = string | number | boolean | null;

const when = (at: Date | null) => (at ? parisText(at) : null);
const euros = (cents: number | null | undefined) => (cents === null || cents === undefined ? null : cents / 100);

/** An answer as a spreadsheet cell: numbers stay numbers (euros from cents), the rest reads as French text. */
export function answerCell(field: FormField, value: unknown): Cell {
  if (value === undefined || value === null || value === '') return null;
  switch (field.kind) {
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? value : String(value);
    case 'euros':
      return typeof value === 'number' ? value / 100 : String(value);
    case 'yesno':
      return value === true ? 'Oui' : value === false ? 'Non' : String(value);
    case 'multiple':
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
    case 'establishment': {
      const e = value as { uai?: string; name?: string };
      return [e.uai, e.name].filter(Boolean).join(' ') || null;
    }
    case 'address': {
      const a = value as { street?: string; postalCode?: string; city?: string };
      return [a.street, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null;
    }
    case 'document':
      return (value as { filename?: string }).filename ?? 'Pièce déposée';
    case 'repetition':
      return Array.isArray(value) ? value.map((block, i) => `${i + 1}. ${blockText(field.children ?? [], block as Record<string, unknown>)}`).join(' | ') : null;
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

function blockText(children: FormField[], block: Record<string, unknown>): string {
  return children
    .filter((c) => !displayOnlyKinds.includes(c.kind))
    .map((c) => `${c.label} : ${answerCell(c, block[c.key]) ?? ''}`)
    .join(' ; ');
}

/**
 * The fields of every version, each key once in the order they first appear (newest versions
 * first, so a relabelled field takes its latest label): a file answers its own version's fields,
 * the others' cells stay empty.
 */
export function unionOfFields(versionsNewestFirst: FormField[][]): FormField[] {
  const byKey = new Map<string, FormField>();
  for (const fields of versionsNewestFirst)
    for (const field of fields) if (!displayOnlyKinds.includes(field.kind) && !byKey.has(field.key)) byKey.set(field.key, field);
  // columns follow the oldest version's order, then the fields added later
  const ordered: FormField[] = [];
  for (const fields of [...versionsNewestFirst].reverse()) for (const f of fields) if (byKey.has(f.key) && !ordered.some((o) => o.key === f.key)) ordered.push(byKey.get(f.key)!);
  return ordered;
}

export interface ColumnOptions {
  fields: FormField[];
  annotationFields: FormField[];
  familyAid: boolean;
  /** Instructors of the campaign see personal data; partners and other readers do not. */
  personal: boolean;
}

const personalMark = (f: FormField) => f.personal === true;

/** The export's columns: the file, its dates and school, every answer, then annotations and the aid's figures. */
export function dossierColumns(options: ColumnOptions): ExportColumn<ExportedDossier>[] {
  const fixed: ExportColumn<ExportedDossier>[] = [
    { header: 'N° de dossier', value: (d) => d.number },
    { header: 'État', value: (d) => stateLabels[d.state as keyof typeof stateLabels] ?? d.state },
    { header: 'Version du formulaire', value: (d) => d.formNumber },
    { header: 'Créé le', value: (d) => when(d.createdAt) },
    { header: 'Déposé le', value: (d) => when(d.submittedAt) },
    { header: 'En instruction le', value: (d) => when(d.instructionAt) },
    { header: 'Décidé le', value: (d) => when(d.decidedAt) },
    { header: 'Modifié le', value: (d) => when(d.updatedAt) },
    { header: 'UAI', value: (d) => d.uai },
    { header: 'Établissement', value: (d) => d.establishmentName },
  ];
  // a family's name is identity; a school's label is not
  if (!options.familyAid || options.personal) fixed.splice(2, 0, { header: 'Demandeur', value: (d) => d.applicantLabel });
  const answers = options.fields
    .filter((f) => options.personal || !personalMark(f))
    .map((f): ExportColumn<ExportedDossier> => ({ header: f.label, value: (d) => answerCell(f, d.answers[f.key]) }));
  const annotations = options.personal
    ? options.annotationFields.map((f): ExportColumn<ExportedDossier> => ({ header: `Annotation : ${f.label}`, value: (d) => answerCell(f, d.annotations[f.key]) }))
    : [];
  return [...fixed, ...answers, ...annotations, ...(options.familyAid ? aidColumns(options.personal) : [])];
}

function aidColumns(personal: boolean): ExportColumn<ExportedDossier>[] {
  const identity: ExportColumn<ExportedDossier>[] = [
    { header: 'Prénom de l’élève', value: (d) => d.aid?.pupilFirstName ?? null },
    { header: 'Nom de l’élève', value: (d) => d.aid?.pupilLastName ?? null },
    { header: 'Revenu fiscal de référence (€)', value: (d) => euros(d.aid?.householdIncomeCents) },
    { header: 'Avis d’imposition', value: (d) => (d.aid ? (d.aid.taxNoticeDocumentId ? 'Déposé' : 'Manquant') : null) },
  ];
  const figures: ExportColumn<ExportedDossier>[] = [
    { header: 'Classe', value: (d) => d.aid?.pupilClass ?? null },
    { header: 'Équipement', value: (d) => d.aid?.deviceCode ?? null },
    { header: 'Prix (€)', value: (d) => euros(d.aid?.priceCents) },
    { header: 'Aide (€)', value: (d) => euros(d.aid?.aidCents) },
    { header: 'Fonds social (€)', value: (d) => euros(d.aid?.socialFundCents) },
    { header: 'Reste à charge (€)', value: (d) => euros(d.aid?.familyCents) },
    { header: 'Assurance', value: (d) => (d.aid ? (d.aid.insurance ? 'Oui' : 'Non') : null) },
    { header: 'Échéances', value: (d) => d.aid?.instalments ?? null },
    { header: 'Remis le', value: (d) => when(d.aid?.deliveredAt ?? null) },
    { header: 'N° de série remis', value: (d) => d.aid?.deliveredSerial ?? null },
  ];
  return personal ? [...identity, ...figures] : figures;
}
