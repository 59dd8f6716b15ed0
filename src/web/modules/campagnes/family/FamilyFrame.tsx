import { Anchor, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { signOut } from './family-api';

/**
 * The families' pages stand apart from the staff's application: no menu, one column that reads on
 * a phone or a tablet, the simulator one link away.
 */
export function FamilyFrame({ authority, title, signedIn = false, children }: { authority: string; title: string; signedIn?: boolean; children: ReactNode }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const leave = async () => {
    await signOut().catch(() => undefined);
    client.clear();
    await navigate({ to: '/famille/$authority/connexion', params: { authority }, search: {} });
  };
  return (
    <Container size="sm" py="lg" px="md">
      <Stack gap="lg">
        <Group component="header" justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>Aide à l’équipement des familles</Text>
          <Group gap="md">
            <Anchor href="/campagnes/simulateur" size="sm">Simulateur</Anchor>
            {signedIn && (
              <Button variant="subtle" size="compact-sm" onClick={() => void leave()}>
                Se déconnecter
              </Button>
            )}
          </Group>
        </Group>
        <main id="contenu">
          <Title order={1} mb="md">{title}</Title>
          {children}
        </main>
      </Stack>
    </Container>
  );
}
