import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconClockPause, IconClockExclamation, IconFlame } from '@tabler/icons-react';
import { formatDateTime } from '../../../labels';
import { priorityColors, priorityLabels, statusColors } from './labels';

/** Badges always carry their meaning in words: colour only repeats it. */

export function TicketStatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={statusColors[status] ?? 'gray'} variant="light" radius="sm" style={{ whiteSpace: 'nowrap' }}>
      {label}
    </Badge>
  );
}

export function PriorityBadge({ priority, label }: { priority: number; label?: string }) {
  const major = priority === 6;
  return (
    <Badge
      color={priorityColors[priority] ?? 'gray'}
      variant={major ? 'filled' : 'light'}
      radius="sm"
      leftSection={major ? <IconFlame size={12} aria-hidden /> : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      {major ? 'Majeur' : `Priorité ${(label ?? priorityLabels[priority] ?? String(priority)).toLowerCase()}`}
    </Badge>
  );
}

/** Under an hour (wall clock) before a deadline: the list warns before the breach. */
const atRiskMs = 60 * 60 * 1000;

export type SlaState = 'breached' | 'at-risk' | 'paused' | 'on-time' | 'none';

export function slaStateOf(sla: { dueToOwn: string | null; dueToResolve: string | null; breached: boolean; paused?: boolean }, now = Date.now()): SlaState {
  if (sla.breached) return 'breached';
  if (sla.paused) return 'paused';
  const dues = [sla.dueToOwn, sla.dueToResolve].filter((d): d is string => d !== null).map((d) => new Date(d).getTime());
  if (dues.length === 0) return 'none';
  return dues.some((d) => d - now <= atRiskMs) ? 'at-risk' : 'on-time';
}

export function SlaStateBadge({ state }: { state: SlaState }) {
  switch (state) {
    case 'breached':
      return (
        <Badge color="red" variant="filled" radius="sm" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
          Délai dépassé
        </Badge>
      );
    case 'at-risk':
      return (
        <Badge color="orange" variant="light" radius="sm" leftSection={<IconClockExclamation size={12} aria-hidden />}>
          Échéance proche
        </Badge>
      );
    case 'paused':
      return (
        <Badge color="yellow" variant="light" radius="sm" leftSection={<IconClockPause size={12} aria-hidden />}>
          Délai suspendu
        </Badge>
      );
    case 'on-time':
      return (
        <Badge color="teal" variant="light" radius="sm">
          Dans les délais
        </Badge>
      );
    default:
      return null;
  }
}

/** The deadlines of a list row: « Prise en charge avant … », « Résolution avant … » and the state. */
export function SlaCell({ sla }: { sla: { dueToOwn: string | null; dueToResolve: string | null; breached: boolean; paused: boolean } }) {
  const state = slaStateOf(sla);
  return (
    <div style={{ minWidth: 170 }}>
      <Group gap={4} mb={2}>
        <SlaStateBadge state={state} />
      </Group>
      {sla.dueToOwn && (
        <Text size="xs">
          Prise en charge avant <time dateTime={sla.dueToOwn}>{formatDateTime(sla.dueToOwn)}</time>
        </Text>
      )}
      {sla.dueToResolve && (
        <Text size="xs">
          Résolution avant <time dateTime={sla.dueToResolve}>{formatDateTime(sla.dueToResolve)}</time>
        </Text>
      )}
      {state === 'none' && (
        <Text size="xs" c="dimmed">
          Aucune échéance en cours
        </Text>
      )}
    </div>
  );
}
