import { Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from './usePageTitle';
import { AnchorLink } from './links';

interface Crumb {
  label: string;
  to: '/' | '/etablissements' | '/imports' | '/unites' | '/organisations' | '/utilisateurs' | '/jetons' | '/parc' | '/guichet';
}

/** The page's h1, its tab title, a breadcrumb trail and the page-level actions. */
export function PageHeader(props: { title: string; subtitle?: ReactNode; crumbs?: Crumb[]; actions?: ReactNode; badge?: ReactNode }) {
  usePageTitle(props.title);
  return (
    <Stack gap={6} mb="lg">
      {props.crumbs && (
        <nav aria-label="Fil d'Ariane">
          <Breadcrumbs separator="›" styles={{ root: { flexWrap: 'wrap' } }}>
            {props.crumbs.map((c) => (
              <AnchorLink key={c.to} to={c.to} size="sm">
                {c.label}
              </AnchorLink>
            ))}
            <Text size="sm" aria-current="page">
              {props.title}
            </Text>
          </Breadcrumbs>
        </nav>
      )}
      <Group justify="space-between" align="flex-end" gap="md">
        <div>
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              {props.title}
            </Title>
            {props.badge}
          </Group>
          {props.subtitle && (
            <Text c="dimmed" mt={4}>
              {props.subtitle}
            </Text>
          )}
        </div>
        {props.actions && <Group gap="sm">{props.actions}</Group>}
      </Group>
    </Stack>
  );
}
