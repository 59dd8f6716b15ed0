import { Group, Text, UnstyledButton } from '@mantine/core';
import { Link } from '@tanstack/react-router';

export function Brand() {
  return (
    <UnstyledButton component={Link} to="/" aria-label="Cohérence, retour à l'accueil">
      <Group gap={8} wrap="nowrap">
        <svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="7" fill="#153f8f" />
          <path d="M21 10.5a8 8 0 1 0 0 11" stroke="white" strokeWidth="3.2" fill="none" strokeLinecap="round" />
        </svg>
        <Text fw={800} size="lg" c="coherence.9" visibleFrom="xs">
          Cohérence
        </Text>
      </Group>
    </UnstyledButton>
  );
}
