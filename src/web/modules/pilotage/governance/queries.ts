import { useQuery } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../../api/client';
import type { ResponseOf } from '../../../api/types';

export type Meeting = ResponseOf<'/api/governance/meetings/{id}'>;
export type Body = ResponseOf<'/api/governance/bodies'>[number];

export const governanceKey = () => ['governance', getActiveTenant()] as const;

export const useBodies = () => useQuery({ queryKey: [...governanceKey(), 'bodies'], queryFn: ({ signal }) => call(apiClient.GET('/api/governance/bodies', { signal })) });
export const useAgreements = () => useQuery({ queryKey: [...governanceKey(), 'agreements'], queryFn: ({ signal }) => call(apiClient.GET('/api/governance/agreements', { signal })) });
export const useOpenActions = () =>
  useQuery({ queryKey: [...governanceKey(), 'actions'], queryFn: ({ signal }) => call(apiClient.GET('/api/governance/actions', { params: { query: { open: 'true' } }, signal })) });
export type Agreement = ResponseOf<'/api/governance/agreements'>[number];
export const usePartners = () =>
  useQuery({ queryKey: [...governanceKey(), 'partners'], staleTime: 60_000, queryFn: ({ signal }) => call(apiClient.GET('/api/governance/partners', { signal })) });
export const useMeeting = (id: string) =>
  useQuery({ queryKey: [...governanceKey(), 'meeting', id], queryFn: ({ signal }) => call(apiClient.GET('/api/governance/meetings/{id}', { params: { path: { id } }, signal })) });

export const bodyKindLabels: Record<string, string> = {
  'project-group': 'Groupe projet',
  'technical-committee': 'Comité technique',
  'steering-committee': 'Comité de pilotage',
  'purchasing-group': "Groupement d'achat",
};
export const cadenceLabels: Record<string, string> = { weekly: 'hebdomadaire', 'half-yearly': 'semestriel', yearly: 'annuel', 'as-needed': 'selon les besoins' };
export const agreementKindLabels: Record<string, string> = {
  framework: 'Convention cadre',
  'authority-establishment': 'Collectivité ↔ établissement',
  'academy-authority': 'Académie ↔ collectivité',
  'academy-establishment': 'Académie ↔ établissement',
};
export const choiceLabels: Record<string, string> = { for: 'Pour', against: 'Contre', abstain: 'Abstention' };
export const decisionStatusLabels: Record<string, string> = { open: 'Vote ouvert', adopted: 'Adoptée', rejected: 'Rejetée' };

export const percent = (share: number | null) => (share === null ? 'sans donnée' : `${Math.round(share * 1000) / 10} %`);
export const frenchDay = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
