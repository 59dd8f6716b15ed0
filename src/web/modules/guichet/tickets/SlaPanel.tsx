import { Alert, Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconClockPause } from '@tabler/icons-react';
import { formatDateTime } from '../../../labels';
import { Section } from '../../../ui/Section';
import { formatMinutes } from './labels';
import type { ClockReading, TicketDetail } from './types';

const stateColors: Record<ClockReading['state'], string> = { running: 'blue', paused: 'yellow', met: 'teal', breached: 'red' };

function ClockCard({ title, clock }: { title: string; clock: ClockReading }) {
  const late = clock.remainingMinutes < 0 || clock.breached;
  return (
    <Stack gap={4} aria-label={title} role="group">
      <Group gap="xs">
        <Text fw={600}>{title}</Text>
        <Badge color={stateColors[clock.state]} variant={clock.state === 'breached' ? 'filled' : 'light'} radius="sm">
          {clock.stateLabel}
        </Badge>
      </Group>
      <Text size="sm">
        Objectif : {formatMinutes(clock.targetMinutes)} ouvrées
        {clock.dueAt && (
          <>
            {' '}
            — échéance le <time dateTime={clock.dueAt}>{formatDateTime(clock.dueAt)}</time>
          </>
        )}
      </Text>
      {clock.metAt ? (
        <Text size="sm">
          Respecté le <time dateTime={clock.metAt}>{formatDateTime(clock.metAt)}</time>
          {clock.breached ? ' (après l’échéance)' : ''}
        </Text>
      ) : late ? (
        <Text size="sm" fw={600} c="red.8">
          Dépassé de {formatMinutes(-clock.remainingMinutes)} ouvrées
        </Text>
      ) : (
        <Text size="sm">
          Reste {formatMinutes(clock.remainingMinutes)} ouvrées{clock.phase === 'paused' ? ' (décompte suspendu)' : ''}
        </Text>
      )}
    </Stack>
  );
}

/** The agreement's two clocks, rebuilt by the server from the status history at each read. */
export function SlaPanel({ ticket }: { ticket: TicketDetail }) {
  const paused = ticket.sla.resolve.phase === 'paused' || ticket.sla.own.phase === 'paused';
  return (
    <Section title="Délais (convention de service)" id="delais">
      <Stack gap="md">
        {paused && (
          <Alert color="yellow" variant="light" icon={<IconClockPause aria-hidden />} title="Délai suspendu">
            Le ticket attend le demandeur : le délai de résolution reprendra à sa réponse.
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ClockCard title="Prise en charge" clock={ticket.sla.own} />
          <ClockCard title="Résolution" clock={ticket.sla.resolve} />
        </SimpleGrid>
        {ticket.sla.alerts.map((a) => (
          <Alert key={`${a.clock}-${a.level}`} color={a.level === 'breach' ? 'red' : 'orange'} variant="light">
            {a.message}
          </Alert>
        ))}
      </Stack>
    </Section>
  );
}
