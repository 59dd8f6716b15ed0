import { Alert, Button, Group } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { errorMessage } from '../api/client';

/** A failed load, with its French message and a retry button. */
export function QueryError(props: { error: unknown; retry?: () => void; title?: string }) {
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={props.title ?? 'Chargement impossible'} role="alert">
      <Group justify="space-between" gap="sm">
        <span>{errorMessage(props.error)}</span>
        {props.retry && (
          <Button size="xs" variant="default" onClick={props.retry}>
            Réessayer
          </Button>
        )}
      </Group>
    </Alert>
  );
}
