import { Stack, Table, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { formatNumber } from '../../../labels';
import { AnchorLink } from '../../../ui/links';
import { ScrollRegion } from '../../../ui/ScrollRegion';
import { Section } from '../../../ui/Section';
import { share, type MapPoint } from './queries';

const width = 640;
const pad = 16;
type Placed = MapPoint & { latitude: number; longitude: number };

/** Equirectangular projection fitted to the points' box: longitudes shrunk by the cosine of the mean latitude. */
function project(points: Placed[]) {
  const lons = points.map((p) => p.longitude);
  const lats = points.map((p) => p.latitude);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = (width - 2 * pad) / Math.max(spanX, spanY * 1.2);
  const height = Math.max(200, spanY * scale + 2 * pad);
  return { height, at: (p: Placed) => ({ x: pad + (p.longitude - minLon) * k * scale, y: pad + (maxLat - p.latitude) * scale }) };
}

/** Green for a school with no gap, through orange, to red for the largest gap on the map; grey when nothing is measured. */
function colorOf(p: MapPoint, worst: number) {
  if (p.metShare === null) return 'hsl(0, 0%, 45%)';
  const t = worst > 0 ? Math.min(1, p.gapScore / worst) : 0;
  return `hsl(${Math.round(120 * (1 - t))}, 75%, 34%)`;
}

const tooltip = (p: MapPoint) =>
  `${p.name} (${p.uai}) : écart ${formatNumber(p.gapScore)}, cibles atteintes ${share(p.metShare)}${p.pupilsEstimated ? ' (effectif estimé)' : ''}`;

/** The schools' gaps on a drawn map (no tiles, no network); the table below is its text alternative. */
export function GapMap({ points }: { points: MapPoint[] }) {
  const navigate = useNavigate();
  const placed = points.filter((p): p is Placed => p.latitude !== null && p.longitude !== null);
  const worst = Math.max(0, ...points.map((p) => p.gapScore));
  const sorted = [...points].sort((a, b) => b.gapScore - a.gapScore);
  const summary = `Carte des écarts de ${formatNumber(placed.length)} établissements localisés sur ${formatNumber(points.length)} ; le tableau qui suit donne l’écart de chacun.`;
  return (
    <Section title="Carte des écarts" id="carte">
      <Stack gap="sm">
        {placed.length === 0 ? (
          <Text c="dimmed">Aucun établissement n’a de coordonnées : la carte ne peut pas être dessinée.</Text>
        ) : (
          <MapSvg placed={placed} worst={worst} summary={summary} open={(uai) => void navigate({ to: '/pilotage/etablissements/$uai', params: { uai } })} />
        )}
        <Text size="sm">
          Légende : vert, toutes les cibles mesurées sont atteintes ; orange, écart moyen ; rouge, écart le plus fort de la carte ; gris, aucun indicateur mesuré. Cliquez sur un
          point pour ouvrir l’évaluation de l’établissement.
        </Text>
        <details>
          <summary style={{ cursor: 'pointer', fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' }}>Voir les établissements en tableau</summary>
          <ScrollRegion label="Écart de chaque établissement">
            <Table captionSide="top" verticalSpacing={4} mt="xs" striped>
              <Table.Caption style={{ textAlign: 'left' }}>Écart de chaque établissement, du plus fort au plus faible</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Établissement</Table.Th>
                  <Table.Th scope="col">Département</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    Écart
                  </Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    Cibles atteintes
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((p) => (
                  <Table.Tr key={p.uai}>
                    <Table.Th scope="row" fw={500}>
                      <AnchorLink to="/pilotage/etablissements/$uai" params={{ uai: p.uai }} size="sm">
                        {p.name} ({p.uai})
                      </AnchorLink>
                    </Table.Th>
                    <Table.Td>{p.departmentCode ?? '—'}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(p.gapScore)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{share(p.metShare)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </details>
      </Stack>
    </Section>
  );
}

/** Mouse users click a point; keyboard users reach the same evaluations through the table's links. */
function MapSvg({ placed, worst, summary, open }: { placed: Placed[]; worst: number; summary: string; open: (uai: string) => void }) {
  const { height, at } = project(placed);
  return (
    <svg role="img" aria-label={summary} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxHeight: 520, background: 'var(--mantine-color-gray-0)', borderRadius: 6 }} data-testid="carte-ecarts">
      {placed.map((p) => {
        const { x, y } = at(p);
        return (
          <circle key={p.uai} cx={x} cy={y} r={6} fill={colorOf(p, worst)} stroke="white" strokeWidth={1} style={{ cursor: 'pointer' }} onClick={() => open(p.uai)}>
            <title>{tooltip(p)}</title>
          </circle>
        );
      })}
    </svg>
  );
}
