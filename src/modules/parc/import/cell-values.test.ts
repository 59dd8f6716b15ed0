import { describe, expect, it } from 'vitest';
import { parseChoice, parseDate, parsePrice } from './cell-values.js';
import { classWords, statusWords } from './asset-vocabulary.js';

const value = <T>(cell: { ok: true; value: T } | { ok: false; error: string }) => (cell.ok ? cell.value : cell.error);

describe('parseDate', () => {
  it('reads French and ISO dates', () => {
    expect(value(parseDate('Date', '01/09/2025'))).toBe('2025-09-01');
    expect(value(parseDate('Date', '1/9/2025'))).toBe('2025-09-01');
    expect(value(parseDate('Date', '31.12.2024'))).toBe('2024-12-31');
    expect(value(parseDate('Date', '2025-09-01'))).toBe('2025-09-01');
    expect(value(parseDate('Date', '2025-09-01T00:00:00.000Z'))).toBe('2025-09-01');
  });

  it('refuses dates that do not exist, two-digit years and text, in French', () => {
    expect(value(parseDate('Date', '31/02/2025'))).toMatch(/n’existe pas/);
    expect(value(parseDate('Date', '01/09/25'))).toMatch(/quatre chiffres/);
    expect(value(parseDate('Date', 'septembre'))).toMatch(/JJ\/MM\/AAAA/);
    expect(value(parseDate('Date', '01/09/1850'))).toMatch(/invraisemblable/);
  });
});

describe('parsePrice', () => {
  it('reads comma and point decimals, spaces and dots grouping thousands, the euro sign', () => {
    expect(value(parsePrice('Prix', '1249,90'))).toBe(1249.9);
    expect(value(parsePrice('Prix', '1 249,90 €'))).toBe(1249.9);
    expect(value(parsePrice('Prix', '1\u202f249,9'))).toBe(1249.9);
    expect(value(parsePrice('Prix', '1.249,90'))).toBe(1249.9);
    expect(value(parsePrice('Prix', '1,249.90'))).toBe(1249.9);
    expect(value(parsePrice('Prix', '1249.5'))).toBe(1249.5);
    expect(value(parsePrice('Prix', '650'))).toBe(650);
    expect(value(parsePrice('Prix', '650 EUR'))).toBe(650);
  });

  it('refuses negative amounts, three decimals and text', () => {
    for (const raw of ['-12', '12,345,6', 'gratuit', '1,2,3', '12,5.3']) expect(parsePrice('Prix', raw).ok, raw).toBe(false);
    expect(value(parsePrice('Prix', '1,500'))).toMatch(/ambigu.*1500 ou 1,50/);
    expect(value(parsePrice('Prix', '12.345.678,5'))).toBe(12345678.5);
  });
});

describe('parseChoice', () => {
  it('knows codes, French labels and usual words, without case or accents', () => {
    expect(value(parseChoice('Type', 'Vidéoprojecteur', classWords, []))).toBe('projector');
    expect(value(parseChoice('Type', 'VIDEOPROJECTEUR', classWords, []))).toBe('projector');
    expect(value(parseChoice('Type', 'PC portable', classWords, []))).toBe('laptop');
    expect(value(parseChoice('Type', 'TBI', classWords, []))).toBe('interactive-display');
    expect(value(parseChoice('Type', 'tablet', classWords, []))).toBe('tablet');
    expect(value(parseChoice('Statut', 'Réformé', statusWords, []))).toBe('retired');
    expect(value(parseChoice('Statut', 'en service', statusWords, []))).toBe('in-service');
    expect(value(parseChoice('Statut', 'Perdu ou volé', statusWords, []))).toBe('lost');
    expect(value(parseChoice('Statut', 'cassé', statusWords, ['En service']))).toMatch(/inconnue.*En service/);
  });
});
