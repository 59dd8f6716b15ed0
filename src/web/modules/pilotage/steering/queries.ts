import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../../api/client';
import type { paths } from '../../../api/schema';
import type { ResponseOf } from '../../../api/types';

export type Dashboard = ResponseOf<'/api/pilotage/dashboard'>;
export type MapPoint = Dashboard['points'][number];
export type Outlines = ResponseOf<'/api/pilotage/dashboard/outlines'>;
export type DrillFilters = NonNullable<paths['/api/pilotage/dashboard/schools']['get']['parameters']['query']>;
export type SchoolStatus = MapPoint['status'];
export type Assessment = ResponseOf<'/api/establishments/{uai}/assessment'>;
export type Comparison = ResponseOf<'/api/pilotage/ppi/compare'>;
export type Scenario = ResponseOf<'/api/pilotage/ppi/scenarios'>['items'][number];
export type DrillCode = paths['/api/establishments/{uai}/assessment/{code}/records']['get']['parameters']['path']['code'];

/** The indicators whose figure can be opened onto its records (the server's drillable list). */
const drillable: readonly string[] = ['wifi_teaching_rooms_share', 'pupils_per_device', 'devices_per_100_pupils', 'fleet_under_5_years_share', 'warranty_share', 'displays_per_classroom'] satisfies DrillCode[];
export const isDrillable = (code: string): code is DrillCode => drillable.includes(code);

const steeringKey = () => ['steering', getActiveTenant()] as const;
/** After a change to the plan: every steering figure of this tenant is asked again. */
export const refreshSteering = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: steeringKey() });

/** Also started by the route's loader, so the figures are asked while the page's code loads. */
export const dashboardQuery = () =>
  queryOptions({ queryKey: [...steeringKey(), 'dashboard'], queryFn: ({ signal }) => call(apiClient.GET('/api/pilotage/dashboard', { params: { query: {} }, signal })) });
export const useDashboard = () => useQuery(dashboardQuery());
/** The dashboard computed again now (the server keeps it up to 15 s): after one's own change to the fleet, a link or a ticket. */
export const recomputeDashboard = () => call(apiClient.GET('/api/pilotage/dashboard', { params: { query: { fresh: 'true' } } }));
export const outlinesQuery = () =>
  queryOptions({
    queryKey: [...steeringKey(), 'outlines'],
    staleTime: Infinity,
    queryFn: ({ signal }) => call(apiClient.GET('/api/pilotage/dashboard/outlines', { params: { query: {} }, signal })),
  });
export const useOutlines = () => useQuery(outlinesQuery());
export const useDrillDown = (filters: DrillFilters | null) =>
  useQuery({
    queryKey: [...steeringKey(), 'drill', filters],
    enabled: filters !== null,
    queryFn: ({ signal }) => call(apiClient.GET('/api/pilotage/dashboard/schools', { params: { query: filters! }, signal })),
  });
export const useAssessment = (uai: string) =>
  useQuery({
    queryKey: [...steeringKey(), 'assessment', uai],
    queryFn: ({ signal }) => call(apiClient.GET('/api/establishments/{uai}/assessment', { params: { path: { uai } }, signal })),
  });
export const useAssessmentRecords = (uai: string, code: DrillCode | null) =>
  useQuery({
    queryKey: [...steeringKey(), 'records', uai, code],
    enabled: code !== null,
    queryFn: ({ signal }) => call(apiClient.GET('/api/establishments/{uai}/assessment/{code}/records', { params: { path: { uai, code: code! } }, signal })),
  });
export const useScenarios = () =>
  useQuery({ queryKey: [...steeringKey(), 'scenarios'], queryFn: ({ signal }) => call(apiClient.GET('/api/pilotage/ppi/scenarios', { signal })) });
export const useComparison = (ids: string[]) =>
  useQuery({
    queryKey: [...steeringKey(), 'compare', ids],
    enabled: ids.length > 0,
    queryFn: ({ signal }) => call(apiClient.GET('/api/pilotage/ppi/compare', { params: { query: { ids: ids.join(',') } }, signal })),
  });

export const metLabel = (met: boolean | null) => (met === null ? 'Inconnu' : met ? 'Atteint' : 'Non atteint');
export const metColor = (met: boolean | null) => (met === null ? 'gray' : met ? 'teal' : 'red');
export const statusLabels: Record<SchoolStatus, string> = { met: 'Cibles atteintes', not_met: 'Au moins une cible non atteinte', unknown: 'Inconnu' };
/** Dark tones: 3:1 against the map's light background (WCAG 1.4.11). */
export const statusColors: Record<SchoolStatus, string> = { met: '#087f5b', not_met: '#c92a2a', unknown: '#495057' };
export const share = (s: number | null) => (s === null ? 'sans donnée' : `${Math.round(s * 1000) / 10} %`);

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
export const formatCents = (cents: number) => euros.format(cents / 100);

export { financingLabels } from '../../../../modules/pilotage/operations/ppi.input';
export const scenarioStatusLabels: Record<string, string> = { draft: 'Brouillon', voted: 'Voté' };
