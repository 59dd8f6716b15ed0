import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { insetSize, layoutMap, mapWidth, type Frame, type LonLat, type Outline } from './map-projection';

/** The outlines the application ships (the server sends a scope's subset of them). */
const shipped = (JSON.parse(readFileSync(new URL('../../../../modules/pilotage/dashboards/geo/departements.geojson', import.meta.url), 'utf8')) as {
  features: { properties: { code: string; nom: string }; geometry: { coordinates: LonLat[][][] } }[];
}).features.map((f): Outline => ({ code: f.properties.code, name: f.properties.nom, polygons: f.geometry.coordinates }));
const outlines = (...codes: string[]) => shipped.filter((d) => codes.includes(d.code));

const lille = { latitude: 50.63, longitude: 3.06, departmentCode: '59' };
const saintDenis = { latitude: -20.88, longitude: 55.45, departmentCode: '974' };
const pointeAPitre = { latitude: 16.24, longitude: -61.53, departmentCode: '971' };

const inside = ([x, y]: readonly [number, number], f: Frame) => x >= f.x && x <= f.x + f.width && y >= f.y && y <= f.y + f.height;
const ringsOf = (d: Outline) => d.polygons.flatMap((p) => p.flatMap((ring) => ring));

describe('the gap map’s projection', () => {
  it('draws the overseas départements in boxes beside the hexagon, each school in its own box', () => {
    const layout = layoutMap(outlines('59', '62', '974', '971'), [lille, saintDenis, pointeAPitre]);
    expect(layout.insets.map((i) => i.code)).toEqual(['971', '974']);
    const [guadeloupe, reunion] = layout.insets;
    // a column on the left, boxes one under the other, none overlapping
    expect(guadeloupe.frame).toMatchObject({ width: insetSize, height: insetSize });
    expect(reunion.frame.y).toBeGreaterThanOrEqual(guadeloupe.frame.y + guadeloupe.frame.height);
    expect(reunion.frame.x).toBe(guadeloupe.frame.x);
    // every point of La Réunion's outline and its school inside its box
    for (const c of ringsOf(outlines('974')[0])) expect(inside(layout.projectionOf('974')(c), reunion.frame)).toBe(true);
    expect(inside(layout.place(saintDenis), reunion.frame)).toBe(true);
    expect(inside(layout.place(pointeAPitre), guadeloupe.frame)).toBe(true);
    // the hexagon right of the column, filling the rest of the width
    const column = guadeloupe.frame.x + insetSize;
    for (const d of outlines('59', '62')) for (const c of ringsOf(d)) {
      const [x, y] = layout.projectionOf(d.code)(c);
      expect(x).toBeGreaterThan(column);
      expect(x).toBeLessThanOrEqual(mapWidth);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(layout.height);
    }
    const [x] = layout.place(lille);
    expect(x).toBeGreaterThan(column);
    expect(layout.height).toBeGreaterThanOrEqual(2 * insetSize);
  });

  it('keeps a metropolitan Région as before: no box, the whole width', () => {
    const layout = layoutMap(outlines('59', '62'), [lille]);
    expect(layout.insets).toEqual([]);
    const xs = [...outlines('59', '62').flatMap(ringsOf)].map((c) => layout.projectionOf('59')(c)[0]);
    expect(Math.min(...xs)).toBeLessThan(mapWidth / 4);
    expect(Math.max(...xs)).toBeGreaterThan((3 * mapWidth) / 4);
    // north is up: Lille is above the Somme's edge of Pas-de-Calais
    expect(layout.place(lille)[1]).toBeLessThan(layout.height / 2);
  });

  it('draws an overseas département alone as the map itself', () => {
    const layout = layoutMap(outlines('974'), [saintDenis]);
    expect(layout.insets).toEqual([]);
    const [x, y] = layout.place(saintDenis);
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(mapWidth);
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(layout.height);
  });

  it('puts a school without a département in a box when its coordinates are overseas', () => {
    const layout = layoutMap(outlines('59'), [lille, { ...saintDenis, departmentCode: null }]);
    expect(layout.insets).toHaveLength(1);
    expect(inside(layout.place({ ...saintDenis, departmentCode: null }), layout.insets[0].frame)).toBe(true);
  });
});
