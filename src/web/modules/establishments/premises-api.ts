import { useMutation } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { apiClient, call, errorMessage } from '../../api/client';
import type { BodyOf } from '../../api/types';
import { useRefreshEstablishment } from './queries';

/** A room as the form sends it (POST /api/establishments/{uai}/rooms). */
export type RoomFields = BodyOf<'/api/establishments/{uai}/rooms', 'post'>;

type PremisesCall =
  | { op: 'create-building'; name: string }
  | { op: 'update-building'; id: string; version: number; name: string }
  | { op: 'delete-building'; id: string; version: number }
  | { op: 'create-room'; room: RoomFields }
  | { op: 'update-room'; id: string; version: number; room: RoomFields }
  | { op: 'delete-room'; id: string; version: number };

const done: Record<PremisesCall['op'], string> = {
  'create-building': 'Bâtiment ajouté.',
  'update-building': 'Bâtiment renommé.',
  'delete-building': 'Bâtiment supprimé.',
  'create-room': 'Salle ajoutée.',
  'update-room': 'Salle modifiée.',
  'delete-room': 'Salle supprimée.',
};

/** Buildings and rooms: one mutation for the six calls, each sending the version it read. */
export function usePremises(uai: string) {
  const refresh = useRefreshEstablishment(uai);
  return useMutation({
    mutationFn: (c: PremisesCall) => {
      switch (c.op) {
        case 'create-building':
          return call(apiClient.POST('/api/establishments/{uai}/buildings', { params: { path: { uai } }, body: { name: c.name } }));
        case 'update-building':
          return call(apiClient.PATCH('/api/establishments/{uai}/buildings/{id}', { params: { path: { uai, id: c.id } }, body: { name: c.name, version: c.version } }));
        case 'delete-building':
          return call(apiClient.DELETE('/api/establishments/{uai}/buildings/{id}', { params: { path: { uai, id: c.id }, query: { version: c.version } } }));
        case 'create-room':
          return call(apiClient.POST('/api/establishments/{uai}/rooms', { params: { path: { uai } }, body: c.room }));
        case 'update-room':
          return call(apiClient.PATCH('/api/establishments/{uai}/rooms/{id}', { params: { path: { uai, id: c.id } }, body: { ...c.room, version: c.version } }));
        case 'delete-room':
          return call(apiClient.DELETE('/api/establishments/{uai}/rooms/{id}', { params: { path: { uai, id: c.id }, query: { version: c.version } } }));
      }
    },
    onSuccess: async (_data, call) => {
      await refresh();
      notifications.show({ color: 'teal', message: done[call.op] });
    },
    onError: async (error) => {
      notifications.show({ color: 'red', title: 'Modification impossible', message: errorMessage(error), autoClose: 10_000 });
      await refresh();
    },
  });
}
