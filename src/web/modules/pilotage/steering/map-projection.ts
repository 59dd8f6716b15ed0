/**
 * Where the gap map draws each département and school: metropolitan France in the main frame, each
 * overseas département (971 to 976) in its own small box beside it, as atlases do (drawn at their
 * true place they would shrink the hexagon to a dot). Pure functions, tested apart from React.
 */

export type LonLat = readonly number[];
export interface Outline {
  code: string;
  name: string;
  polygons: readonly (readonly (readonly LonLat[])[])[];
}
export interface GeoPoint {
  latitude: number;
  longitude: number;
  departmentCode: string | null;
}

export const mapWidth = 640;
const pad = 12;
export const insetSize = 110;
const insetGap = 10;

export const isOverseas = (code: string | null | undefined) => !!code && code.startsWith('97');

/** A school belongs to an inset by its département, or, lacking one, by coordinates far from the hexagon. */
const overseasPoint = (p: GeoPoint) => (p.departmentCode ? isOverseas(p.departmentCode) : p.latitude < 35 || p.longitude < -10);

export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Equirectangular projection (x = λ·cos φ₀, y = −φ) of some coordinates into a frame, centred and
 * keeping proportions: at a Région's or an island's scale it is as faithful as a conic one.
 */
export function fit(coordinates: readonly LonLat[], frame: Frame, margin = pad) {
  const lons = coordinates.map((c) => c[0]);
  const lats = coordinates.map((c) => c[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-3);
  const spanY = Math.max(maxLat - minLat, 1e-3);
  const scale = Math.min((frame.width - 2 * margin) / spanX, (frame.height - 2 * margin) / spanY);
  const xOffset = frame.x + (frame.width - spanX * scale) / 2;
  const yOffset = frame.y + (frame.height - spanY * scale) / 2;
  return (c: LonLat) => [xOffset + (c[0] - minLon) * k * scale, yOffset + (maxLat - c[1]) * scale] as const;
}

export interface Inset {
  code: string;
  name: string;
  frame: Frame;
  at: (c: LonLat) => readonly [number, number];
}

export interface MapLayout {
  width: number;
  height: number;
  /** The projection of metropolitan France (null when the scope holds only overseas schools). */
  main: ((c: LonLat) => readonly [number, number]) | null;
  insets: Inset[];
  /** Where a département's outline is drawn, by its code. */
  projectionOf(code: string): (c: LonLat) => readonly [number, number];
  /** Where a school is drawn (its département's inset when overseas). */
  place(p: GeoPoint): readonly [number, number];
}

const outerRing = (d: Outline) => d.polygons.flatMap((p) => p[0] ?? []);

/**
 * The layout of a scope's outlines and schools: with both metropolitan and overseas ones, a column
 * of insets on the left and the hexagon beside it; with only one kind, that kind fills the width
 * (a single overseas département as the main map, several in a row of boxes).
 */
export function layoutMap<P extends GeoPoint>(departments: readonly Outline[], points: readonly P[]): MapLayout {
  const overseasCodes = [...new Set([...departments.filter((d) => isOverseas(d.code)).map((d) => d.code), ...points.filter(overseasPoint).map((p) => p.departmentCode ?? '97?')])].sort();
  const homeOutlines = departments.filter((d) => !isOverseas(d.code));
  const homePoints = points.filter((p) => !overseasPoint(p));
  const homeCoordinates = [...homeOutlines.flatMap(outerRing), ...homePoints.map((p) => [p.longitude, p.latitude] as const)];
  const insetFrames = (codes: readonly string[], origin: { x: number; y: number }, vertical: boolean): Frame[] =>
    codes.map((_, i) => ({
      x: origin.x + (vertical ? 0 : i * (insetSize + insetGap)),
      y: origin.y + (vertical ? i * (insetSize + insetGap) : 0),
      width: insetSize,
      height: insetSize,
    }));
  const insetOf = (code: string, frame: Frame): Inset => {
    const outline = departments.find((d) => d.code === code);
    const coordinates = [...(outline ? outerRing(outline) : []), ...points.filter((p) => overseasPoint(p) && (p.departmentCode ?? '97?') === code).map((p) => [p.longitude, p.latitude] as const)];
    return { code, name: outline?.name ?? 'Outre-mer', frame, at: fit(coordinates.length ? coordinates : [[0, 0]], frame, 8) };
  };
  let main: MapLayout['main'] = null;
  let insets: Inset[] = [];
  let height: number;
  if (!homeCoordinates.length && overseasCodes.length === 1) {
    // one overseas département alone: it is the map
    height = 420;
    main = insetOf(overseasCodes[0], { x: 0, y: 0, width: mapWidth, height }).at;
  } else if (!homeCoordinates.length) {
    insets = overseasCodes.map((code, i) => insetOf(code, insetFrames(overseasCodes, { x: pad, y: pad }, false)[i]));
    height = insetSize + 2 * pad;
  } else {
    const column = overseasCodes.length ? insetSize + 2 * pad : 0;
    const mainFrame = homeFrame(homeCoordinates, column);
    main = fit(homeCoordinates, mainFrame);
    insets = overseasCodes.map((code, i) => insetOf(code, insetFrames(overseasCodes, { x: pad, y: pad }, true)[i]));
    height = Math.max(mainFrame.height, overseasCodes.length * (insetSize + insetGap) - insetGap + 2 * pad);
  }
  const byCode = new Map(insets.map((i) => [i.code, i.at]));
  const fallback = main ?? insets[0]?.at ?? ((c: LonLat) => [c[0], c[1]] as const);
  return {
    width: mapWidth,
    height,
    main,
    insets,
    projectionOf: (code) => byCode.get(code) ?? fallback,
    place: (p) => (overseasPoint(p) ? (byCode.get(p.departmentCode ?? '97?') ?? fallback) : fallback)([p.longitude, p.latitude]),
  };
}

/** The hexagon's frame right of the insets' column, as tall as its proportions ask (at least 220). */
function homeFrame(coordinates: readonly LonLat[], column: number): Frame {
  const lats = coordinates.map((c) => c[1]);
  const lons = coordinates.map((c) => c[0]);
  const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((Math.max(...lons) - Math.min(...lons)) * k, 1e-3);
  const spanY = Math.max(maxLat - minLat, 1e-3);
  const width = mapWidth - column;
  const scale = (width - 2 * pad) / Math.max(spanX, spanY * 1.1);
  const height = Math.round(Math.max(220, spanY * scale + 2 * pad));
  return { x: column, y: 0, width, height };
}
