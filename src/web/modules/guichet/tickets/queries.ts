import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getActiveTenant, isApiError } from '../../../api';
import type { Page as EstablishmentPage, Establishment } from '../../establishments/types';
import type { TicketListSearch } from './list-search';
import type { NewTicket, Page, SupportTeam, TicketCategory, TicketDetail, TicketSummary } from './types';

/** Every ticket query starts with ['guichet', tenant]: one invalidation refreshes lists and pages after a change. */
export const guichetKey = (...parts: unknown[]) => ['guichet', getActiveTenant(), ...parts];

export function useTicketList(search: TicketListSearch) {
  return useQuery({
    queryKey: guichetKey('tickets', search),
    queryFn: ({ signal }) =>
      api<Page<TicketSummary>>('/tickets', {
        query: { ...search, sort: search.sort ?? 'openedAt', order: search.order ?? 'desc', page: search.page ?? 1, pageSize: search.pageSize ?? 25 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export const ticketQuery = (id: string) =>
  queryOptions({
    queryKey: guichetKey('ticket', id),
    queryFn: ({ signal }) => api<TicketDetail>(`/tickets/${encodeURIComponent(id)}`, { signal }),
  });

export function useCategories() {
  return useQuery({
    queryKey: guichetKey('categories'),
    queryFn: ({ signal }) => api<{ items: TicketCategory[] }>('/desk/categories', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The desk's teams (not for requesters: the route needs ticket.private.read). */
export function useTeams(enabled: boolean) {
  return useQuery({
    queryKey: guichetKey('teams'),
    queryFn: ({ signal }) => api<{ items: SupportTeam[] }>('/desk/teams', { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export interface Assignee {
  id: string;
  displayName: string;
  organizationName: string | null;
  roleLabels: string[];
}

/** People of the desk a ticket may be assigned to (the Académie and contractors: their own people). */
export function useAssignees(enabled: boolean) {
  return useQuery({
    queryKey: guichetKey('assignees'),
    queryFn: ({ signal }) => api<{ items: Assignee[] }>('/desk/assignees', { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Open major incidents, to link a ticket to one. */
export function useOpenMajorIncidents(enabled: boolean) {
  return useQuery({
    queryKey: guichetKey('majors'),
    queryFn: ({ signal }) => api<Page<TicketSummary>>('/tickets', { query: { priority: 6, status: 'open', pageSize: 100, sort: 'openedAt', order: 'desc' }, signal }),
    enabled,
  });
}

/** The only school the person sees (a school's staff): the form preselects it. */
export function useOwnSchool(enabled: boolean) {
  return useQuery({
    queryKey: ['establishments', getActiveTenant(), 'own-school'],
    queryFn: ({ signal }) => api<EstablishmentPage<Establishment>>('/establishments', { query: { pageSize: 2, sort: 'name' }, signal }),
    select: (page) => (page.total === 1 ? page.items[0] : null),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export interface DeviceOption {
  id: string;
  name: string | null;
  serial: string | null;
  inventoryNumber: string | null;
  class: string;
  manufacturer: string | null;
  model: string | null;
}

/** Devices of a school, searched on the server (a lycée has hundreds). */
export function useSchoolDevices(uai: string | null, search: string) {
  return useQuery({
    queryKey: ['parc', getActiveTenant(), 'ticket-devices', uai, search],
    queryFn: ({ signal }) =>
      api<Page<DeviceOption>>('/assets', { query: { uai: uai ?? undefined, search: search || undefined, pageSize: 50, sort: 'name', order: 'asc' }, signal }),
    enabled: Boolean(uai),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

function useRefreshGuichet() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['guichet', getActiveTenant()] });
}

export function useCreateTicket() {
  const client = useQueryClient();
  const refresh = useRefreshGuichet();
  return useMutation({
    mutationFn: (body: NewTicket) => api<TicketDetail>('/tickets', { method: 'POST', body }),
    onSuccess: (created) => {
      void refresh();
      client.setQueryData(ticketQuery(created.id).queryKey, created);
    },
  });
}

export type TicketAction =
  | { path: 'status'; body: Record<string, unknown> & { action: string; version: number } }
  | { path: 'qualification'; body: { version: number; category?: string; urgency?: number; impact?: number; major?: boolean; type?: 'incident' | 'request' } }
  | { path: 'escalation'; body: { version: number; direction: 'up' | 'down'; level?: number; reason: string } }
  | { path: 'approval'; body: { version: number; decision: 'accept' | 'refuse'; comment?: string; rating?: number } }
  | { path: 'satisfaction'; body: { rating: number; comment?: string } }
  | { path: 'major-incident'; body: { version: number; majorId: string | null } }
  | { path: 'problem'; body: { version: number; flagged: boolean; reason: string } };

/** Every change that answers with the ticket: the page shows that answer at once. */
export function useTicketAction(id: string) {
  const client = useQueryClient();
  const refresh = useRefreshGuichet();
  return useMutation({
    mutationFn: (action: TicketAction) => api<TicketDetail>(`/tickets/${encodeURIComponent(id)}/${action.path}`, { method: 'POST', body: action.body }),
    onSuccess: (ticket) => {
      client.setQueryData(ticketQuery(id).queryKey, ticket);
      void refresh();
    },
    // someone else changed it: show the version the next attempt must send
    onError: (error) => {
      if (isApiError(error, 409)) void client.invalidateQueries({ queryKey: ticketQuery(id).queryKey });
    },
  });
}

/** Follow-ups and tasks answer with the new row: read the ticket again. */
export function useAddToTicket(id: string) {
  const refresh = useRefreshGuichet();
  return useMutation({
    mutationFn: (call: { path: 'followups'; body: { body: string; isPrivate: boolean } } | { path: 'tasks'; body: { description: string; minutes: number } }) =>
      api(`/tickets/${encodeURIComponent(id)}/${call.path}`, { method: 'POST', body: call.body }),
    onSuccess: () => refresh(),
  });
}

export { useRefreshGuichet };
