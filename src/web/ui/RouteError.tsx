import { Alert, Button, Stack, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type ErrorComponentProps } from '@tanstack/react-router';
import { errorMessage } from '../api/client';
import { usePageTitle } from './usePageTitle';

export function RouteError({ error, reset }: ErrorComponentProps) {
  usePageTitle('Erreur');
  return (
    <Stack maw={640} p="lg" component="main">
      <Title order={1} size="h2">
        Une erreur est survenue
      </Title>
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
        {errorMessage(error)}
      </Alert>
      <div>
        <Button onClick={() => (reset ? reset() : window.location.reload())}>Réessayer</Button>
      </div>
    </Stack>
  );
}
