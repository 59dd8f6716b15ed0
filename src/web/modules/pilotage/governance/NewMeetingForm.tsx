import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { createMeetingInput } from '../../../../modules/pilotage/governance/operations/meeting.input';
import { apiClient, call, errorMessage } from '../../../api/client';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { governanceKey, type Body } from './queries';

interface Values {
  heldOn: string;
  place: string;
  agenda: string;
}

/** One agenda point per line, blank lines dropped. */
const toMeeting = (bodyId: string) => (v: Values) => ({ bodyId, heldOn: v.heldOn, place: v.place, agenda: v.agenda.split('\n').map((l) => l.trim()).filter(Boolean) });

/** Every agenda point's message goes on the one text area. */
const fieldOf = (path: string) => (path.startsWith('agenda') ? 'agenda' : path);

/** Schedules a meeting of a body with its agenda, then opens it (attendance, minutes, decisions, data pack). */
export function NewMeetingForm({ body }: { body: Body }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<Values>({ initialValues: { heldOn: '', place: '', agenda: '' }, validate: schemaValidator(createMeetingInput, toMeeting(body.id), fieldOf) });
  const create = useMutation({
    mutationFn: (v: Values) => call(apiClient.POST('/api/governance/meetings', { body: toMeeting(body.id)(v) })),
    onSuccess: async ({ id }) => {
      notifications.show({ color: 'teal', message: 'Réunion créée.' });
      await queryClient.invalidateQueries({ queryKey: governanceKey() });
      await navigate({ to: '/pilotage/gouvernance/reunions/$meetingId', params: { meetingId: id } });
    },
    onError: (error) => showServerIssues(form, error, fieldOf) || notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate aria-label={`Nouvelle réunion : ${body.name}`}>
      <Stack gap="xs" mt="sm">
        <Group align="flex-end" wrap="wrap">
          <TextInput type="date" label="Date de la réunion" required w={180} {...form.getInputProps('heldOn')} />
          <TextInput label="Lieu" required maxLength={160} style={{ flex: 1, minWidth: 180 }} {...form.getInputProps('place')} />
        </Group>
        <Textarea label="Ordre du jour (un point par ligne)" required autosize minRows={2} {...form.getInputProps('agenda')} />
        <Group>
          <Button type="submit" size="xs" loading={create.isPending}>
            Créer la réunion
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
