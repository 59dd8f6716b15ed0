import { describe, expect, it } from 'vitest';
import { defaultExpectedLifeYears } from '../asset-classes.js';
import { lifeOf, resolveExpectedLife } from './expected-life.js';

describe('resolveExpectedLife', () => {
  it('gives the defaults the seeds quote without settings (PC 5 years, tablet 4, projector 6)', () => {
    const life = resolveExpectedLife(undefined);
    expect(life).toEqual(defaultExpectedLifeYears);
    expect([life.desktop, life.tablet, life.projector]).toEqual([5, 4, 6]);
  });

  it('lets the tenant override a class and ignores what is not a class or not a life', () => {
    const life = resolveExpectedLife({ laptop: 4, desktop: 7, spaceship: 3, tablet: 0, printer: 2.5, projector: '9', switch: 31 });
    expect(life.laptop).toBe(4);
    expect(life.desktop).toBe(7);
    expect(life.tablet).toBe(defaultExpectedLifeYears.tablet);
    expect(life.printer).toBe(defaultExpectedLifeYears.printer);
    expect(life.projector).toBe(defaultExpectedLifeYears.projector);
    expect(life.switch).toBe(defaultExpectedLifeYears.switch);
    expect(life).not.toHaveProperty('spaceship');
    expect(resolveExpectedLife([5])).toEqual(defaultExpectedLifeYears);
  });

  it('gives a class read from the database that no longer exists the PC default', () => {
    expect(lifeOf(resolveExpectedLife({}), 'typewriter')).toBe(defaultExpectedLifeYears.desktop);
  });
});
