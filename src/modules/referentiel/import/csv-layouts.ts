/** The two official CSV layouts of the ministry's school directory, and the columns we read. */
export interface CsvLayout {
  format: 'annuaire' | 'geolocalisation';
  label: string;
  /** The column holding the UAI: its presence alone identifies the layout. */
  key: string;
  required: readonly string[];
  optional: readonly string[];
}

export const annuaireLayout: CsvLayout = {
  format: 'annuaire',
  label: "annuaire de l'éducation (CSV, 69 colonnes)",
  key: 'Identifiant_de_l_etablissement',
  required: [
    'Identifiant_de_l_etablissement',
    'Nom_etablissement',
    'Type_etablissement',
    'Statut_public_prive',
    'Adresse_1',
    'Code postal',
    'Code_commune',
    'Nom_commune',
    'Code_departement',
    'Code_academie',
    'Libelle_academie',
    'Voie_generale',
    'Voie_technologique',
    'Voie_professionnelle',
    'Appartenance_Education_Prioritaire',
    'Nombre_d_eleves',
    'latitude',
    'longitude',
    'etat',
    'code_nature',
    'libelle_nature',
    'Code_type_contrat_prive',
  ],
  optional: ['Adresse_2', 'Telephone', 'Mail', 'Lycee_Agricole', 'etablissement_multi_lignes'],
};

export const geolocalisationLayout: CsvLayout = {
  format: 'geolocalisation',
  label: 'adresse et géolocalisation des établissements (CSV, 35 colonnes)',
  key: 'numero_uai',
  required: [
    'numero_uai',
    'appellation_officielle',
    'secteur_public_prive_libe',
    'adresse_uai',
    'code_postal_uai',
    'libelle_commune',
    'latitude',
    'longitude',
    'nature_uai',
    'nature_uai_libe',
    'etat_etablissement',
    'code_departement',
    'code_academie',
    'libelle_academie',
    'code_commune',
    'secteur_prive_code_type_contrat',
  ],
  optional: ['lieu_dit_uai', 'boite_postale_uai', 'denomination_principale', 'patronyme_uai'],
};

export const csvLayouts = [annuaireLayout, geolocalisationLayout] as const;

/** Header names compared without case, accents, spaces or punctuation differences. */
export function columnKey(name: string): string {
  return name
    .trim()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
}

export type ColumnIndex = Map<string, number>;

export function columnIndex(header: string[]): ColumnIndex {
  const index: ColumnIndex = new Map();
  header.forEach((name, i) => {
    const key = columnKey(name);
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

export function missingColumns(layout: CsvLayout, index: ColumnIndex): string[] {
  return layout.required.filter((c) => !index.has(columnKey(c)));
}
