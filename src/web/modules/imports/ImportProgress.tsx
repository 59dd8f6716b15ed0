import { Progress, Stack, Text } from '@mantine/core';
import { formatNumber } from '../../labels';

/** Upload progress (bytes sent), then processing progress (rows written) as the server reports it. */
export function ImportProgress(props: { phase: 'upload' | 'processing'; fraction: number; processed?: number; total?: number }) {
  const percent = Math.round(Math.min(1, Math.max(0, props.fraction)) * 100);
  const label =
    props.phase === 'upload'
      ? `Envoi du fichier : ${percent} %`
      : props.total
        ? `Traitement : ${formatNumber(props.processed ?? 0)} lignes sur ${formatNumber(props.total)} (${percent} %)`
        : 'Lecture du fichier…';
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600} role="status" aria-live="polite">
        {label}
      </Text>
      <Progress
        value={percent}
        size="xl"
        radius="xl"
        animated={props.phase === 'processing'}
        striped={props.phase === 'processing'}
        aria-label={props.phase === 'upload' ? 'Envoi du fichier' : 'Traitement des lignes'}
      />
    </Stack>
  );
}
