import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../../api/client';
import { ChartFigure } from '../../../ui/ChartFigure';

/** The school's monthly snapshots: how many of its profile's indicators were met each month. */
export function AssessmentTrend({ uai }: { uai: string }) {
  const trend = useQuery({
    queryKey: ['steering', getActiveTenant(), 'trend', uai],
    queryFn: ({ signal }) => call(apiClient.GET('/api/establishments/{uai}/assessment/trend', { params: { path: { uai }, query: { months: 24 } }, signal })),
  });
  const points = trend.data?.points ?? [];
  if (points.length === 0) return null;
  const data = points.map((p) => ({ mois: p.month, atteints: p.metCount, connus: p.knownCount }));
  const last = points[points.length - 1];
  return (
    <ChartFigure
      title="Évolution mensuelle"
      id="evolution"
      summary={`Indicateurs atteints chaque mois : ${last.metCount} sur ${last.targetedCount} en ${last.month}.`}
      table={{ caption: 'Indicateurs atteints et connus par mois', columns: ['Mois', 'Atteints', 'Connus', 'Ciblés'], rows: points.map((p) => [p.month, p.metCount, p.knownCount, p.targetedCount]) }}
    >
      <LineChart h={200} data={data} dataKey="mois" series={[{ name: 'atteints', label: 'Indicateurs atteints', color: 'teal.6' }, { name: 'connus', label: 'Indicateurs connus', color: 'gray.6' }]} withLegend />
    </ChartFigure>
  );
}
