import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, call } from '../../../api/client';
import type { BodyOf, ResponseOf } from '../../../api/types';
import { uploadWithProgress } from '../../../ui/upload';
import { marchesKey } from '../queries';
import type { OrderStatus } from '../../../../modules/marches/orders/operations/order.input';

export type OrderDetail = ResponseOf<'/api/purchase-orders/{id}'>;
export type DeliveryAnswer = ResponseOf<'/api/purchase-orders/{id}/deliveries', 'post'>;

export interface OrdersSearch {
  status?: OrderStatus;
  lotId?: string;
  contractId?: string;
  budgetLineId?: string;
  uai?: string;
  page?: number;
}

export const ordersPageSize = 25;
export const orderFilters = (s: OrdersSearch) => ({ status: s.status, lotId: s.lotId, contractId: s.contractId, budgetLineId: s.budgetLineId, uai: s.uai });

/** Also started by the route's loader, so the list is asked while the page's code loads. */
export const ordersQuery = (search: OrdersSearch) =>
  queryOptions({
    queryKey: marchesKey('orders', search),
    queryFn: ({ signal }) => call(apiClient.GET('/api/purchase-orders', { params: { query: { ...orderFilters(search), page: search.page ?? 1, pageSize: ordersPageSize } }, signal })),
  });

export function useOrders(search: OrdersSearch) {
  return useQuery({ ...ordersQuery(search), placeholderData: keepPreviousData });
}

export function useOrder(id: string) {
  return useQuery({ queryKey: marchesKey('order', id), queryFn: ({ signal }) => call(apiClient.GET('/api/purchase-orders/{id}', { params: { path: { id } }, signal })) });
}

export function useBudgetLines(query: { year?: number } = {}, enabled = true) {
  return useQuery({ queryKey: marchesKey('budget-lines', query), queryFn: ({ signal }) => call(apiClient.GET('/api/budget-lines', { params: { query }, signal })), enabled });
}

export function useConsumption(query: { contractId?: string }) {
  return useQuery({ queryKey: marchesKey('consumption', query), queryFn: ({ signal }) => call(apiClient.GET('/api/marches/consumption', { params: { query }, signal })) });
}

/** Every mutation answers the order as it now is: put it in the cache, and let lists and figures refetch. */
function useOrderMutation<I>(id: string, run: (input: I) => Promise<OrderDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (order) => {
      client.setQueryData(marchesKey('order', id), order);
      void client.invalidateQueries({ queryKey: marchesKey('orders') });
      void client.invalidateQueries({ queryKey: marchesKey('consumption') });
      void client.invalidateQueries({ queryKey: marchesKey('budget-lines') });
    },
  });
}

export function useCreateOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/purchase-orders', 'post'>) => call(apiClient.POST('/api/purchase-orders', { body })),
    onSuccess: (order) => {
      client.setQueryData(marchesKey('order', order.id), order);
      void client.invalidateQueries({ queryKey: marchesKey('orders') });
    },
  });
}

export const useChangeStatus = (id: string) =>
  useOrderMutation(id, (body: { status: 'signed' | 'sent' | 'cancelled' | 'paid'; version: number }) => call(apiClient.POST('/api/purchase-orders/{id}/status', { params: { path: { id } }, body })));

export const useAcknowledge = (id: string) => useOrderMutation(id, () => call(apiClient.POST('/api/purchase-orders/{id}/acknowledge', { params: { path: { id } } })));

export const useTypedDelivery = (id: string) =>
  useOrderMutation(id, async (body: BodyOf<'/api/purchase-orders/{id}/deliveries', 'post'>) => (await call(apiClient.POST('/api/purchase-orders/{id}/deliveries', { params: { path: { id } }, body }))).order);

export const useDeliveryFile = (id: string) =>
  useOrderMutation(id, async (file: File) => (await uploadWithProgress<DeliveryAnswer>(`/api/purchase-orders/${id}/delivery-file`, {}, file, () => undefined).promise).order);

export const useInvoice = (id: string) =>
  useOrderMutation(id, (body: BodyOf<'/api/purchase-orders/{id}/invoices', 'post'>) => call(apiClient.POST('/api/purchase-orders/{id}/invoices', { params: { path: { id } }, body })));

/** A contract with its lots and price lists, once one is chosen. */
export function useContractDetail(id: string | undefined) {
  return useQuery({ queryKey: marchesKey('contract', id), queryFn: ({ signal }) => call(apiClient.GET('/api/contracts/{id}', { params: { path: { id: id! } }, signal })), enabled: Boolean(id) });
}
