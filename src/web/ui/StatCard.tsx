import { Group, Paper, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** One headline figure: a dimmed label, the figure in large type, an optional hint under it. */
export function StatFigure(props: { label: string; value: string; hint?: ReactNode; valueSize?: number }) {
  return (
    <div>
      <Text size="sm" c="dimmed" fw={500}>
        {props.label}
      </Text>
      <Text fw={800} fz={props.valueSize ?? 28} lh={1.2}>
        {props.value}
      </Text>
      {props.hint && (
        <Text size="xs" c="dimmed">
          {props.hint}
        </Text>
      )}
    </div>
  );
}

/** A dashboard card: a headline figure with a decorative icon (hidden from screen readers). */
export function StatCard(props: { label: string; value: string; hint?: ReactNode; icon: Icon; color?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <StatFigure label={props.label} value={props.value} hint={props.hint} />
        <ThemeIcon variant="light" color={props.color} size={44} radius="md" aria-hidden>
          <props.icon size={24} />
        </ThemeIcon>
      </Group>
    </Paper>
  );
}
