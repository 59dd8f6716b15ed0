/** Vocabularies of contracts and purchasing groups, with their French labels (the UI and the DECP read them). */

export const contractKinds = ['framework-orders', 'framework-subsequent', 'subsequent', 'ordinary', 'mapa'] as const;
export type ContractKind = (typeof contractKinds)[number];
export const contractKindLabels: Record<ContractKind, string> = {
  'framework-orders': 'Accord-cadre à bons de commande',
  'framework-subsequent': 'Accord-cadre à marchés subséquents',
  subsequent: 'Marché subséquent',
  ordinary: 'Marché ordinaire',
  mapa: 'Marché à procédure adaptée (MAPA)',
};

/** Procedures, labelled as the DECP 2.0.3 enumerates them. */
export const procedures = ['open-tender', 'restricted-tender', 'negotiated', 'adapted', 'no-competition', 'competitive-dialogue'] as const;
export type Procedure = (typeof procedures)[number];
export const procedureLabels: Record<Procedure, string> = {
  'open-tender': "Appel d'offres ouvert",
  'restricted-tender': "Appel d'offres restreint",
  negotiated: 'Procédure avec négociation',
  adapted: 'Procédure adaptée',
  'no-competition': 'Marché passé sans publicité ni mise en concurrence préalable',
  'competitive-dialogue': 'Dialogue compétitif',
};

/** CCAG of reference, labelled as the DECP enumerates them. */
export const ccags = ['fcs', 'tic', 'pi', 'works', 'moe', 'industrial', 'none'] as const;
export type Ccag = (typeof ccags)[number];
export const ccagLabels: Record<Ccag, string> = {
  fcs: 'Fournitures courantes et services',
  tic: "Techniques de l'information et de la communication",
  pi: 'Prestations intellectuelles',
  works: 'Travaux',
  moe: "Maitrise d'œuvre",
  industrial: 'Marchés industriels',
  none: 'Pas de CCAG',
};

export const priceForms = ['unit', 'lump-sum', 'mixed'] as const;
export type PriceForm = (typeof priceForms)[number];
export const priceFormLabels: Record<PriceForm, string> = { unit: 'Unitaire', 'lump-sum': 'Forfaitaire', mixed: 'Mixte' };

export const contractStatuses = ['draft', 'notified', 'ended', 'cancelled'] as const;
export type ContractStatus = (typeof contractStatuses)[number];
export const contractStatusLabels: Record<ContractStatus, string> = { draft: 'En préparation', notified: 'Notifié', ended: 'Terminé', cancelled: 'Annulé' };

export const recurrences = ['one-off', 'monthly'] as const;
export type Recurrence = (typeof recurrences)[number];
export const recurrenceLabels: Record<Recurrence, string> = { 'one-off': 'Ponctuel', monthly: 'Mensuel' };

export const decisionKinds = ['adopt-tender-file', 'award-lot', 'amend-price-list', 'admit-member'] as const;
export type DecisionKind = (typeof decisionKinds)[number];
export const decisionKindLabels: Record<DecisionKind, string> = {
  'adopt-tender-file': 'Adoption du dossier de consultation',
  'award-lot': "Attribution d'un lot",
  'amend-price-list': 'Modification du bordereau de prix',
  'admit-member': "Admission d'un membre",
};
export const decisionStatusLabels = { proposed: 'Proposée', adopted: 'Adoptée', rejected: 'Rejetée' } as const;
export const voteLabels = { approve: 'Pour', reject: 'Contre' } as const;

/** The former regions (before 2016) the seeds still use to split their contracts. */
export const formerRegions = ['Alsace', 'Champagne-Ardenne', 'Lorraine', 'Nord-Pas-de-Calais', 'Picardie'] as const;
