import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A definition list (dt/dd) laid out in two columns: label above, value below. */
export function Facts(props: { items: [string, ReactNode][] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm" m={0}>
      {props.items.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" c="dimmed" fw={500}>
            {label}
          </Text>
          <Text component="dd" m={0} fw={500}>
            {value === null || value === undefined || value === '' ? 'Non renseigné' : value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
