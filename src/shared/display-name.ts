/**
 * Names as a French reader expects them, for display only (the stored name stays as imported):
 * the ministry's files lose accents and capitalise every word (« Lycee De L'europe »,
 * « Armentieres »). Words the dictionary knows get their accents back; articles and prepositions
 * go lower case inside a name; a name already written with accents or mixed case is left alone.
 */
const accents: Record<string, string> = {
  lycee: 'lycée', college: 'collège', ecole: 'école', elementaire: 'élémentaire', maternelle: 'maternelle',
  general: 'général', generale: 'générale', technologique: 'technologique', polyvalent: 'polyvalent',
  metiers: 'métiers', hotelier: 'hôtelier', hoteliere: 'hôtelière', agricole: 'agricole', regional: 'régional',
  etablissement: 'établissement', enseignement: 'enseignement', adapte: 'adapté', prive: 'privé', publique: 'publique',
  europe: 'Europe', europeen: 'européen', republique: 'République', sainte: 'Sainte', saint: 'Saint',
  armentieres: 'Armentières', bethune: 'Béthune', etaples: 'Étaples', helemmes: 'Hellemmes', lievin: 'Liévin',
  henin: 'Hénin', beaumont: 'Beaumont', valenciennes: 'Valenciennes', hazebrouck: 'Hazebrouck', epinal: 'Épinal',
  sedan: 'Sedan', reims: 'Reims', chalons: 'Châlons', chateau: 'château', thionville: 'Thionville', selestat: 'Sélestat',
  mulhouse: 'Mulhouse', besancon: 'Besançon', francois: 'François', frederic: 'Frédéric', andre: 'André',
  rene: 'René', therese: 'Thérèse', jerome: 'Jérôme', helene: 'Hélène', genevieve: 'Geneviève', cesar: 'César',
  emile: 'Émile', edouard: 'Édouard', eugene: 'Eugène', leon: 'Léon', leonard: 'Léonard', theodore: 'Théodore',
  pere: 'Père', notre: 'Notre', dame: 'Dame', marechal: 'Maréchal',
  professionnel: 'professionnel', professionnelle: 'professionnelle', technique: 'technique', climatique: 'climatique',
  specialise: 'spécialisé', rural: 'rural', rurale: 'rurale', privee: 'privée', superieur: 'supérieur', techno: 'techno',
  'techno.': 'techno.', primaire: 'primaire', public: 'public', section: 'section', sciences: 'sciences',
};
const lowerInside = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'et', 'en', 'au', 'aux', 'sur', 'sous', 'à', 'a']);
const elided = /^(d|l)'(.+)$/i;

function restore(word: string, first: boolean): string {
  const lower = word.toLowerCase();
  const elision = elided.exec(lower);
  if (elision && !first) return `${elision[1]}'${restore(elision[2], true)}`;
  if (elision) return `${elision[1].toUpperCase()}'${restore(elision[2], true)}`;
  if (!first && lowerInside.has(lower)) return lower === 'a' ? 'à' : lower;
  const known = accents[lower];
  const base = known ?? lower;
  return first || (known && known[0] === known[0].toUpperCase()) || !known ? base.charAt(0).toUpperCase() + base.slice(1) : base;
}

/** True when the source looks like the ministry's (no accent, every word capitalised or all caps). */
function lostItsCase(name: string): boolean {
  if (/[à-ÿÀ-ß]/.test(name)) return false;
  const words = name.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w));
  return words.length > 0 && (name === name.toUpperCase() || words.every((w) => w[0] === w[0].toUpperCase()));
}

export function displayName(name: string): string {
  if (!lostItsCase(name)) return name;
  return name
    .split(/(\s+|-)/)
    .map((part, i) => (/^\s+$|^-$/.test(part) ? part : restore(part.replace(/’/g, "'"), i === 0)))
    .join('')
    .replace(/'/g, '’');
}
