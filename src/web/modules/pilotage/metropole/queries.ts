import { useQuery } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../../api/client';
import type { ResponseOf } from '../../../api/types';

export type Catalogue = ResponseOf<'/api/metropole/catalogue'>;
export type PartnerCommune = ResponseOf<'/api/metropole/partner-communes'>[number];
export const metropoleKey = () => ['metropole', getActiveTenant()] as const;
export const usePartnerCommunes = (enabled: boolean) =>
  useQuery({ queryKey: [...metropoleKey(), 'partners'], enabled, queryFn: ({ signal }) => call(apiClient.GET('/api/metropole/partner-communes', { signal })) });

export const useCatalogue = () => useQuery({ queryKey: ['metropole', getActiveTenant(), 'catalogue'], queryFn: ({ signal }) => call(apiClient.GET('/api/metropole/catalogue', { signal })) });
export const useCommunes = () => useQuery({ queryKey: ['metropole', getActiveTenant(), 'communes'], queryFn: ({ signal }) => call(apiClient.GET('/api/metropole/communes', { signal })) });
export const useCommuneService = (communeId: string, year: number | undefined) =>
  useQuery({
    queryKey: ['metropole', getActiveTenant(), 'commune', communeId, year],
    queryFn: ({ signal }) => call(apiClient.GET('/api/metropole/communes/{communeId}/service', { params: { path: { communeId }, query: { year } }, signal })),
  });

export const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(Math.round(cents / 100));
export const percent = (share: number | null) => (share === null ? 'sans donnée' : `${Math.round(share * 1000) / 10} %`);
export const statusLabels: Record<string, string> = { joined: 'Adhérente', refused: 'A refusé' };
export const splitLabels: Record<string, string> = { devices: 'par équipement', pupils: 'par élève' };
