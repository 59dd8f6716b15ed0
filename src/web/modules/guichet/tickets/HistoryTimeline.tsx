import { Text, Timeline } from '@mantine/core';
import { formatDateTime } from '../../../labels';
import { Section } from '../../../ui/Section';
import { eventKindLabel, levelLabels, priorityLabels } from './labels';
import type { HistoryEvent } from './types';

function describe(e: HistoryEvent): string {
  const parts: string[] = [];
  if (e.statusLabel) parts.push(`Statut : ${e.statusLabel}`);
  if (e.team) parts.push(`Équipe : ${e.team}`);
  if (e.level !== null && (e.kind === 'escalation' || e.kind === 'de-escalation' || e.kind === 'created')) parts.push(levelLabels[e.level] ?? `Niveau ${e.level}`);
  if (e.category) parts.push(`Catégorie : ${e.category}`);
  if (e.priority !== null && (e.kind === 'qualification' || e.kind === 'created')) parts.push(`Priorité : ${(priorityLabels[e.priority] ?? String(e.priority)).toLowerCase()}`);
  return parts.join(' · ');
}

/** Every change of the ticket, oldest first; internal reasons are shown to the desk only (the server leaves them out). */
export function HistoryTimeline({ events }: { events: HistoryEvent[] }) {
  return (
    <Section title="Historique" id="historique">
      <Timeline bulletSize={14} lineWidth={2} active={events.length - 1}>
        {events.map((e, i) => (
          <Timeline.Item key={`${e.at}-${i}`} title={eventKindLabel(e.kind)}>
            <Text size="xs" c="dimmed">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time> — {e.actorLabel}
            </Text>
            {describe(e) && <Text size="sm">{describe(e)}</Text>}
            {e.reason && (
              <Text size="sm" fs="italic">
                Motif : {e.reason}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}
