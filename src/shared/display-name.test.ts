import { describe, expect, it } from 'vitest';
import { displayName } from './display-name.js';

describe('names shown with their case and accents', () => {
  it.each([
    ["Lycee De L'europe", 'Lycée de l’Europe'],
    ['Armentieres', 'Armentières'],
    ['LYCEE PROFESSIONNEL', 'Lycée professionnel'],
    ['Lycee Frederic Ozanam', 'Lycée Frédéric Ozanam'],
    ['Lycée Faidherbe', 'Lycée Faidherbe'],
    ['Collège Jean-Macé', 'Collège Jean-Macé'],
  ])('« %s » → « %s »', (source, shown) => {
    expect(displayName(source)).toBe(shown);
  });
});
