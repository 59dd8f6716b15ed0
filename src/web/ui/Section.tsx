import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card: an h2 that names the section (landmark-free, headings give the structure). */
export function Section(props: { title: string; actions?: ReactNode; children: ReactNode; id?: string }) {
  const headingId = props.id ? `${props.id}-titre` : undefined;
  return (
    <Paper component="section" withBorder radius="md" p={{ base: 'md', sm: 'lg' }} aria-labelledby={headingId} id={props.id} h="100%">
      <Group justify="space-between" mb="md" gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {props.title}
        </Title>
        {props.actions}
      </Group>
      {props.children}
    </Paper>
  );
}
