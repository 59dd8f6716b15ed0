import { assetClasses, defaultExpectedLifeYears, type AssetClass } from '../asset-classes.js';

export type ExpectedLife = Record<AssetClass, number>;

const isLife = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 30;

/**
 * The expected life of each class for a tenant: its settings (`inventory_settings.expected_life_years`,
 * e.g. `{ "laptop": 4 }`) over the defaults. Anything else in the settings (an unknown class, a
 * value that is not a whole number of years between 1 and 30) is ignored.
 */
export function resolveExpectedLife(settings: unknown): ExpectedLife {
  const life = { ...defaultExpectedLifeYears };
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return life;
  for (const assetClass of assetClasses) {
    const value = (settings as Record<string, unknown>)[assetClass];
    if (isLife(value)) life[assetClass] = value;
  }
  return life;
}

/** The life of a class, for a class name read from the database (an unknown one gets the PC default). */
export function lifeOf(life: ExpectedLife, assetClass: string): number {
  return (life as Record<string, number>)[assetClass] ?? defaultExpectedLifeYears.desktop;
}
