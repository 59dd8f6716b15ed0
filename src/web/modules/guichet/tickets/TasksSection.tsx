import { Button, Grid, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../labels';
import { Section } from '../../../ui/Section';
import { ActionError } from './fields';
import { formatMinutes } from './labels';
import { useAddToTicket } from './queries';
import type { TicketDetail } from './types';

/** Tasks and time spent: the desk's own record (requesters never get them). */
export function TasksSection({ ticket }: { ticket: TicketDetail }) {
  const add = useAddToTicket(ticket.id);
  const [description, setDescription] = useState('');
  const [minutes, setMinutes] = useState<number | string>(30);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const m = Number(minutes);
    if (!description.trim()) return setError('Décrivez la tâche.');
    if (!Number.isInteger(m) || m < 1 || m > 1440) return setError('Le temps passé va de 1 à 1 440 minutes.');
    setError(null);
    try {
      await add.mutateAsync({ path: 'tasks', body: { description: description.trim(), minutes: m } });
      setDescription('');
      setMinutes(30);
    } catch {
      // shown below
    }
  };

  return (
    <Section title={`Tâches — ${formatMinutes(ticket.totalMinutes)} au total`} id="taches">
      <Stack gap="sm">
        {ticket.tasks.length === 0 ? (
          <Text size="sm" c="dimmed">
            Aucune tâche enregistrée.
          </Text>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="legende-taches" tabIndex={0}>
            <Table captionSide="top">
              <Table.Caption id="legende-taches" style={{ textAlign: 'left' }}>
                Tâches et temps passé
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Par</Table.Th>
                  <Table.Th scope="col">Tâche</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    Temps
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ticket.tasks.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(t.at)}</Table.Td>
                    <Table.Td>{t.authorLabel}</Table.Td>
                    <Table.Td>{t.description}</Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatMinutes(t.minutes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
        {ticket.permissions.handle && (
          <form onSubmit={(e) => void submit(e)} aria-label="Ajouter une tâche">
            <Grid gutter="sm" align="flex-end">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label="Tâche" value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={5000} error={error ?? undefined} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <NumberInput label="Temps passé (minutes)" value={minutes} onChange={setMinutes} min={1} max={1440} allowDecimal={false} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <Button type="submit" fullWidth loading={add.isPending}>
                  Ajouter
                </Button>
              </Grid.Col>
            </Grid>
            <ActionError error={add.error} />
          </form>
        )}
      </Stack>
    </Section>
  );
}
