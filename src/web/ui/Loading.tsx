import { Center, Loader, Stack, Text } from '@mantine/core';

export function Loading(props: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden />
        <Text size="sm" c="dimmed">
          {props.label ?? 'Chargement…'}
        </Text>
      </Stack>
    </Center>
  );
}
