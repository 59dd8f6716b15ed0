import { Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { usePageTitle } from '../ui/usePageTitle';
import { ButtonLink } from '../ui/links';

export function NotFoundPage(props: { title?: string; message?: string; back?: { to: '/' | '/etablissements' | '/parc'; label: string } }) {
  const title = props.title ?? 'Page introuvable';
  usePageTitle(title);
  return (
    <Stack align="flex-start" gap="md" maw={640} py="xl" px="md">
      <Text fw={700} c="coherence.8" size="sm">
        Erreur 404
      </Text>
      <Title order={1}>{title}</Title>
      <Text>
        {props.message ??
          "L’adresse demandée n’existe pas ou ne vous est pas accessible. Vérifiez-la, ou repartez de l’accueil."}
      </Text>
      <ButtonLink to={props.back?.to ?? '/'} leftSection={<IconArrowLeft size={18} aria-hidden />} variant="light">
        {props.back?.label ?? 'Retour à l’accueil'}
      </ButtonLink>
    </Stack>
  );
}
