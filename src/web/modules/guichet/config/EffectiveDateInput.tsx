import { Button, Group, TextInput } from '@mantine/core';
import type React from 'react';

/** When a new version takes effect: empty = now; a local date and time otherwise (sent as an instant). */
export function EffectiveDateInput(props: { value: string; onChange: (value: string) => void; disabled?: boolean; error?: React.ReactNode }) {
  return (
    <TextInput
      type="datetime-local"
      label="Date d’effet"
      description="Vide : dès maintenant. Les tickets en cours gardent les conditions de leur passé."
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      disabled={props.disabled}
      error={props.error}
      maw={320}
    />
  );
}

/** The instant of a datetime-local value, or undefined for "now". */
export function validFromOf(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

/** The foot of a versioned form: when the new version takes effect, and the button that publishes it. */
export function PublishBar(props: { validFrom: string; onValidFrom: (value: string) => void; pending: boolean; label: string; error?: React.ReactNode }) {
  return (
    <Group align="flex-end">
      <EffectiveDateInput value={props.validFrom} onChange={props.onValidFrom} error={props.error} />
      <Button type="submit" loading={props.pending}>
        {props.label}
      </Button>
    </Group>
  );
}
