import { Group, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { formatNumber } from '../../../labels';
import { Disclosure } from '../../../ui/Disclosure';
import { AnchorLink } from '../../../ui/links';
import { Section } from '../../../ui/Section';
import { SimpleTable } from '../../../ui/SimpleTable';
import { layoutMap, type LonLat, type Outline } from './map-projection';
import { share, statusColors, statusLabels, useOutlines, type MapPoint, type SchoolStatus } from './queries';

type Placed = MapPoint & { latitude: number; longitude: number };

const pathOf = (d: Outline, at: (c: LonLat) => readonly [number, number]) =>
  d.polygons
    .flatMap((polygon) => polygon.map((ring) => 'M' + ring.map((c) => at(c).map((v) => v.toFixed(1)).join(',')).join('L') + 'Z'))
    .join('');

const tooltip = (p: MapPoint) =>
  `${p.name} (${p.uai}) : ${statusLabels[p.status].toLowerCase()}, cibles atteintes ${share(p.metShare)}${p.pupilsEstimated ? ' (effectif estimé)' : ''}`;

const statusOrder: SchoolStatus[] = ['not_met', 'unknown', 'met'];

/** The schools coloured by gap on their départements' outlines (shipped with the application: no tiles, no network); the table is its text alternative. */
export function GapMap({ points }: { points: MapPoint[] }) {
  const navigate = useNavigate();
  const outlines = useOutlines();
  const placed = points.filter((p): p is Placed => p.latitude !== null && p.longitude !== null);
  const departments = outlines.data?.departments ?? [];
  const count = (s: SchoolStatus) => points.filter((p) => p.status === s).length;
  const summary = `Carte de ${formatNumber(placed.length)} établissements localisés sur ${formatNumber(points.length)}, sur les contours de ${formatNumber(departments.length)} départements : ${statusOrder
    .map((s) => `${formatNumber(count(s))} ${statusLabels[s].toLowerCase()}`)
    .join(', ')}. Le tableau qui suit donne le statut de chacun.`;
  const sorted = [...points].sort((a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status) || b.gapScore - a.gapScore);
  return (
    <Section title="Carte des écarts" id="carte">
      <Stack gap="sm">
        {placed.length === 0 && departments.length === 0 ? (
          <Text c="dimmed">Aucun établissement n’a de coordonnées ni de département : la carte ne peut pas être dessinée.</Text>
        ) : (
          <MapSvg placed={placed} departments={departments} summary={summary} open={(uai) => void navigate({ to: '/pilotage/etablissements/$uai', params: { uai } })} />
        )}
        <Legend />
        <Text size="sm">Cliquez sur un point pour ouvrir l’évaluation de l’établissement ; le tableau ci-dessous y mène aussi au clavier.</Text>
        {outlines.error && <Text size="sm" c="red.8">Les contours des départements n’ont pas pu être chargés : seuls les points sont dessinés.</Text>}
        <Disclosure summary="Voir les établissements en tableau">
          <StatusTable sorted={sorted} />
        </Disclosure>
      </Stack>
    </Section>
  );
}

function StatusTable({ sorted }: { sorted: MapPoint[] }) {
  return (
    <SimpleTable
      caption="Statut de chaque établissement, les cibles non atteintes d’abord"
      scrollLabel="Statut de chaque établissement"
      columns={['Établissement', 'Département', 'Statut', { label: 'Écart', numeric: true }, { label: 'Cibles atteintes', numeric: true }]}
      rows={sorted.map((p) => ({
        key: p.uai,
        cells: [
          <AnchorLink to="/pilotage/etablissements/$uai" params={{ uai: p.uai }} size="sm">
            {p.name} ({p.uai})
          </AnchorLink>,
          p.departmentCode ?? '—',
          statusLabels[p.status],
          p.gapScore,
          share(p.metShare),
        ],
      }))}
    />
  );
}

/** Colour and shape both carry the status (a missed target is a diamond), so it reads without colour vision. */
function Marker({ status, x, y }: { status: SchoolStatus; x: number; y: number }) {
  const fill = statusColors[status];
  if (status === 'not_met') return <path d={`M${x},${y - 7}L${x + 7},${y}L${x},${y + 7}L${x - 7},${y}Z`} fill={fill} stroke="white" strokeWidth={1} />;
  return <circle cx={x} cy={y} r={status === 'met' ? 6 : 5} fill={status === 'unknown' ? 'white' : fill} stroke={fill} strokeWidth={status === 'unknown' ? 2.5 : 1} />;
}

function Legend() {
  return (
    <Group gap="lg" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Légende de la carte">
      {statusOrder.map((s) => (
        <Group key={s} gap={6} component="li">
          <svg width={18} height={18} viewBox="0 0 18 18" aria-hidden>
            <Marker status={s} x={9} y={9} />
          </svg>
          <Text size="sm">{statusLabels[s]}</Text>
        </Group>
      ))}
    </Group>
  );
}

function MapSvg({ placed, departments, summary, open }: { placed: Placed[]; departments: Outline[]; summary: string; open: (uai: string) => void }) {
  const layout = layoutMap(departments, placed);
  return (
    <svg role="img" aria-label={summary} viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" style={{ maxHeight: 560, background: 'var(--mantine-color-gray-0)', borderRadius: 6 }} data-testid="carte-ecarts">
      {layout.insets.map((inset) => (
        <g key={inset.code} data-encart={inset.code}>
          <rect x={inset.frame.x} y={inset.frame.y} width={inset.frame.width} height={inset.frame.height} fill="white" stroke="#495057" strokeWidth={1} />
          <text x={inset.frame.x + 4} y={inset.frame.y + inset.frame.height - 5} fontSize={10} fill="#212529">
            {inset.name}
          </text>
        </g>
      ))}
      <g data-testid="contours">
        {departments.map((d) => (
          <path key={d.code} d={pathOf(d, layout.projectionOf(d.code))} fill="white" fillRule="evenodd" stroke="#868e96" strokeWidth={1} data-departement={d.code}>
            <title>{`${d.name} (${d.code})`}</title>
          </path>
        ))}
      </g>
      {placed.map((p) => {
        const [x, y] = layout.place(p);
        return (
          <g key={p.uai} data-uai={p.uai} data-statut={p.status} style={{ cursor: 'pointer' }} onClick={() => open(p.uai)}>
            <title>{tooltip(p)}</title>
            <Marker status={p.status} x={x} y={y} />
          </g>
        );
      })}
    </svg>
  );
}
