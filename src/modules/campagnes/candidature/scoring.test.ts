import { describe, expect, it } from 'vitest';
import type { GridCriterion } from '../db/schema.js';
import { median, scoreOf, teachingOf, territoryOf } from './scoring.js';

const school = { id: 's', uai: '0510001A', name: 'Lycée', unitId: null, departmentCode: '51', natureCode: '300', sector: 'public', academyCode: '19', communeCode: null, priorityEducation: null, tracks: ['general'] };

const grid: GridCriterion[] = [
  { key: 'secteur', label: 'Secteur', weight: 10, source: 'sector', max: 10, points: { public: 10, private: 5 } },
  { key: 'territoire', label: 'Territoire', weight: 20, source: 'territory', max: 10, points: { 'REP+': 10, REP: 8, rural: 6, urbain: 2 } },
  { key: 'voie', label: 'Voie', weight: 10, source: 'teaching', max: 10, points: { professionnel: 10, agricole: 10, technologique: 6, general: 4 } },
  { key: 'projet', label: 'Projet pédagogique', weight: 40, source: 'reviewer', max: 20 },
  { key: 'equipe', label: 'Implication de l’équipe', weight: 20, source: 'reviewer', max: 10 },
];

describe('median', () => {
  it('takes the middle of an odd count, the mean of the two middles of an even one, none of nothing', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('computed criteria', () => {
  it('reads REP/REP+ from the référentiel before the rural answer', () => {
    expect(territoryOf({ priorityEducation: 'REP+' }, { rural: true })).toBe('REP+');
    expect(territoryOf({ priorityEducation: null }, { rural: true })).toBe('rural');
    expect(territoryOf({ priorityEducation: null }, {})).toBe('urbain');
  });
  it('classes the teaching: agricultural by nature, vocational, technological, else general', () => {
    expect(teachingOf({ natureCode: '301', tracks: ['general'] })).toBe('agricole');
    expect(teachingOf({ natureCode: '320', tracks: [] })).toBe('professionnel');
    expect(teachingOf({ natureCode: '300', tracks: ['general', 'technological'] })).toBe('technologique');
    expect(teachingOf({ natureCode: '300', tracks: ['general'] })).toBe('general');
  });
});

describe('scoreOf', () => {
  it('is the weighted sum of computed points and the median of each reviewed criterion, out of 100', () => {
    const reviews = [
      { projet: 12, equipe: 4 },
      { projet: 18, equipe: 8 },
      { projet: 16, equipe: 10 },
    ];
    const detail = scoreOf(grid, school, { rural: true }, reviews);
    expect(detail.criteria.map((c) => c.value)).toEqual([10, 6, 4, 16, 8]);
    // (10·10/10 + 20·6/10 + 10·4/10 + 40·16/20 + 20·8/10) / 100 = (10 + 12 + 4 + 32 + 16) / 100
    expect(detail.score).toBe(74);
  });
  it('has no score while a reviewed criterion has no review, and none without a school for computed criteria', () => {
    expect(scoreOf(grid, school, {}, [{ projet: 10 }]).score).toBeNull();
    expect(scoreOf(grid, null, {}, [{ projet: 10, equipe: 5 }]).score).toBeNull();
  });
  it('caps a score above the criterion maximum and gives 0 to an unlisted value', () => {
    const private_ = { ...school, sector: 'private', priorityEducation: 'REP' };
    const onlyComputed: GridCriterion[] = [
      { key: 'secteur', label: 'Secteur', weight: 1, source: 'sector', max: 10, points: { public: 10 } },
      { key: 'territoire', label: 'Territoire', weight: 1, source: 'territory', max: 5, points: { REP: 50 } },
    ];
    expect(scoreOf(onlyComputed, private_, {}, []).score).toBe(50);
  });
  it('has no score for an empty grid', () => {
    expect(scoreOf([], school, {}, []).score).toBeNull();
  });
});
