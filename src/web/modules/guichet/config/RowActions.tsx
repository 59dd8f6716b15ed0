import { Button, Group } from '@mantine/core';

/**
 * The buttons of a configuration row: edit, and deactivate or reactivate (nothing is deleted, tickets
 * keep their references). `thing` names the row for screen readers, e.g. "la catégorie Matériel".
 */
export function RowActions(props: { thing: string; active: boolean; onEdit: () => void; onToggle: () => void }) {
  const toggle = props.active ? 'Désactiver' : 'Réactiver';
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" variant="default" onClick={props.onEdit} aria-label={`Modifier ${props.thing}`}>
        Modifier
      </Button>
      <Button size="xs" variant="subtle" color={props.active ? 'red' : 'teal'} onClick={props.onToggle} aria-label={`${toggle} ${props.thing}`}>
        {toggle}
      </Button>
    </Group>
  );
}
