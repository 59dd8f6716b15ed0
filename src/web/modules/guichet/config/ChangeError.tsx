import { Alert, Button, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { errorMessage, isApiError } from '../../../api/client';

/** The refusal of a change: « modifié entre-temps, rechargez » for a 409, the server's French message otherwise. */
export function ChangeError(props: { error: unknown }) {
  const client = useQueryClient();
  if (!props.error) return null;
  const conflict = isApiError(props.error, 409) && props.error.code === 'VERSION_CONFLICT';
  return (
    <Alert color={conflict ? 'orange' : 'red'} icon={<IconAlertTriangle aria-hidden />} role="alert" title={conflict ? 'Modifié entre-temps' : 'Enregistrement impossible'}>
      <Stack gap="xs" align="flex-start">
        <span>{conflict ? 'Cet élément a été modifié entre-temps par quelqu’un d’autre : rechargez pour voir sa version actuelle, puis refaites votre modification.' : errorMessage(props.error)}</span>
        {isApiError(props.error) && props.error.issues.length > 1 && (
          <ul>
            {props.error.issues.map((issue) => (
              <li key={issue.path}>{issue.message}</li>
            ))}
          </ul>
        )}
        {conflict && (
          <Button size="xs" variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void client.invalidateQueries({ queryKey: ['desk'] })}>
            Recharger
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** "2026-09-01T00:00:00.000Z" → "1 sept. 2026 à 02:00" in Paris. */
export function formatInstant(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));
}

/** The version line of a set of terms: number, since when, and whether it is still to come. */
export function versionLine(terms: { version: number; validFrom: string }): string {
  if (terms.version === 0) return 'Valeurs par défaut (jamais modifiées)';
  const future = new Date(terms.validFrom).getTime() > Date.now();
  return `Version ${terms.version}, ${future ? 'programmée à partir du' : 'en vigueur depuis le'} ${formatInstant(terms.validFrom)}`;
}
