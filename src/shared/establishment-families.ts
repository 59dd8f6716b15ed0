/** Kinds of establishment an authority may hold (competence), with their French labels. */
export const establishmentFamilies = ['ecole', 'college', 'lycee', 'erea', 'medico-social', 'autre'] as const;
export type EstablishmentFamily = (typeof establishmentFamilies)[number];

export const familyLabels: Record<EstablishmentFamily, string> = {
  ecole: 'Écoles',
  college: 'Collèges',
  lycee: 'Lycées',
  erea: 'EREA',
  'medico-social': 'Établissements médico-sociaux',
  autre: 'Autres établissements',
};

