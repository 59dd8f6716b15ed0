import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { ChangeError } from './ChangeError';

/** The form that creates a new calendar or agreement as a copy of the one shown: an identifier and a label. */
export function CopyForm(props: {
  /** Names the form, e.g. "Nouvelle convention". */
  name: string;
  heading: string;
  id: string;
  onId: (id: string) => void;
  label: string;
  onLabel: (label: string) => void;
  error: unknown;
  pending: boolean;
  onSubmit: (event: FormEvent) => void;
}) {
  return (
    <form onSubmit={props.onSubmit} noValidate aria-label={props.name}>
      <Stack gap="xs">
        <Text fw={600}>{props.heading}</Text>
        <ChangeError error={props.error} />
        <Group align="flex-end">
          <TextInput label="Identifiant" description="minuscules, chiffres et tirets" value={props.id} onChange={(e) => props.onId(e.currentTarget.value)} required />
          <TextInput label="Libellé" value={props.label} onChange={(e) => props.onLabel(e.currentTarget.value)} required w={320} />
          <Button type="submit" variant="default" loading={props.pending}>
            Créer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
