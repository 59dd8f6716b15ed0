/**
 * Régions and départements named by the slug an organization's code usually is, with the ministry's
 * académie codes (see import/academies.ts) and the INSEE département codes: the defaults of an
 * authority's territory. Codes, never labels: the open data misspells labels (« Gra Est »).
 */
export const regionAcademies: Record<string, string[]> = {
  'auvergne-rhone-alpes': ['06', '08', '10'],
  'bourgogne-franche-comte': ['03', '07'],
  bretagne: ['14'],
  'centre-val-de-loire': ['18'],
  corse: ['27'],
  'grand-est': ['12', '15', '19'],
  'hauts-de-france': ['09', '20'],
  'ile-de-france': ['01', '24', '25'],
  normandie: ['70'],
  'nouvelle-aquitaine': ['04', '13', '22'],
  occitanie: ['11', '16'],
  'pays-de-la-loire': ['17'],
  'provence-alpes-cote-d-azur': ['02', '23'],
  sud: ['02', '23'],
  guadeloupe: ['32'],
  martinique: ['31'],
  guyane: ['33'],
  'la-reunion': ['28'],
  reunion: ['28'],
  mayotte: ['43'],
};

const departmentNames: [string, string][] = [
  ['01', 'ain'], ['02', 'aisne'], ['03', 'allier'], ['04', 'alpes-de-haute-provence'], ['05', 'hautes-alpes'],
  ['06', 'alpes-maritimes'], ['07', 'ardeche'], ['08', 'ardennes'], ['09', 'ariege'], ['10', 'aube'], ['11', 'aude'],
  ['12', 'aveyron'], ['13', 'bouches-du-rhone'], ['14', 'calvados'], ['15', 'cantal'], ['16', 'charente'],
  ['17', 'charente-maritime'], ['18', 'cher'], ['19', 'correze'], ['2A', 'corse-du-sud'], ['2B', 'haute-corse'],
  ['21', 'cote-d-or'], ['22', 'cotes-d-armor'], ['23', 'creuse'], ['24', 'dordogne'], ['25', 'doubs'], ['26', 'drome'],
  ['27', 'eure'], ['28', 'eure-et-loir'], ['29', 'finistere'], ['30', 'gard'], ['31', 'haute-garonne'], ['32', 'gers'],
  ['33', 'gironde'], ['34', 'herault'], ['35', 'ille-et-vilaine'], ['36', 'indre'], ['37', 'indre-et-loire'],
  ['38', 'isere'], ['39', 'jura'], ['40', 'landes'], ['41', 'loir-et-cher'], ['42', 'loire'], ['43', 'haute-loire'],
  ['44', 'loire-atlantique'], ['45', 'loiret'], ['46', 'lot'], ['47', 'lot-et-garonne'], ['48', 'lozere'],
  ['49', 'maine-et-loire'], ['50', 'manche'], ['51', 'marne'], ['52', 'haute-marne'], ['53', 'mayenne'],
  ['54', 'meurthe-et-moselle'], ['55', 'meuse'], ['56', 'morbihan'], ['57', 'moselle'], ['58', 'nievre'], ['59', 'nord'],
  ['60', 'oise'], ['61', 'orne'], ['62', 'pas-de-calais'], ['63', 'puy-de-dome'], ['64', 'pyrenees-atlantiques'],
  ['65', 'hautes-pyrenees'], ['66', 'pyrenees-orientales'], ['67', 'bas-rhin'], ['68', 'haut-rhin'], ['69', 'rhone'],
  ['70', 'haute-saone'], ['71', 'saone-et-loire'], ['72', 'sarthe'], ['73', 'savoie'], ['74', 'haute-savoie'],
  ['75', 'paris'], ['76', 'seine-maritime'], ['77', 'seine-et-marne'], ['78', 'yvelines'], ['79', 'deux-sevres'],
  ['80', 'somme'], ['81', 'tarn'], ['82', 'tarn-et-garonne'], ['83', 'var'], ['84', 'vaucluse'], ['85', 'vendee'],
  ['86', 'vienne'], ['87', 'haute-vienne'], ['88', 'vosges'], ['89', 'yonne'], ['90', 'territoire-de-belfort'],
  ['91', 'essonne'], ['92', 'hauts-de-seine'], ['93', 'seine-saint-denis'], ['94', 'val-de-marne'], ['95', 'val-d-oise'],
  ['971', 'guadeloupe'], ['972', 'martinique'], ['973', 'guyane'], ['974', 'la-reunion'], ['976', 'mayotte'],
];

/** INSEE code of a département from its slug (« nord » → « 59 »); a code given as such is kept. */
export function departmentCodeOf(code: string): string | null {
  const key = code.toLowerCase().replace(/^(departement|dept|cd)-/, '');
  const direct = departmentNames.find(([insee]) => insee.toLowerCase() === key);
  if (direct) return direct[0];
  return departmentNames.find(([, slug]) => slug === key)?.[0] ?? null;
}

/** The académies of a Région from its slug (« hauts-de-france » → Lille and Amiens). */
export function regionAcademyCodes(code: string): string[] {
  return regionAcademies[code.toLowerCase().replace(/^(region|cr)-/, '')] ?? [];
}
