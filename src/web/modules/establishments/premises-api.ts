import { useMutation } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, errorMessage } from '../../api';
import { useRefreshEstablishment } from './queries';

export interface RoomFields {
  buildingId: string;
  name: string;
  kind: string;
  floor: string | null;
}

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
  const base = `/establishments/${encodeURIComponent(uai)}`;
  return useMutation({
    mutationFn: (call: PremisesCall) => {
      switch (call.op) {
        case 'create-building':
          return api(`${base}/buildings`, { method: 'POST', body: { name: call.name } });
        case 'update-building':
          return api(`${base}/buildings/${call.id}`, { method: 'PATCH', body: { name: call.name, version: call.version } });
        case 'delete-building':
          return api(`${base}/buildings/${call.id}`, { method: 'DELETE', query: { version: call.version } });
        case 'create-room':
          return api(`${base}/rooms`, { method: 'POST', body: call.room });
        case 'update-room':
          return api(`${base}/rooms/${call.id}`, { method: 'PATCH', body: { ...call.room, version: call.version } });
        case 'delete-room':
          return api(`${base}/rooms/${call.id}`, { method: 'DELETE', query: { version: call.version } });
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
