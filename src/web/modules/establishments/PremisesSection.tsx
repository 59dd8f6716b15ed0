import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { buildingInput } from '../../../modules/referentiel/operations/premises.input';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { Section } from '../../ui/Section';
import { BuildingBlock } from './BuildingBlock';
import { usePremises } from './premises-api';
import type { EstablishmentDetail } from './types';

export function PremisesSection({ establishment: e }: { establishment: EstablishmentDetail }) {
  const premises = usePremises(e.uai);
  const canManage = e.permissions.managePremises;
  const [adding, setAdding] = useState(false);
  // the building operation's own schema: an empty name is refused on its field before sending
  const form = useForm({ initialValues: { name: '' }, validate: schemaValidator(buildingInput, (v: { name: string }) => ({ name: v.name.trim() })) });

  const add = form.onSubmit(async (values) => {
    await premises.mutateAsync({ op: 'create-building', name: values.name.trim() }).then(
      () => {
        form.reset();
        setAdding(false);
      },
      (error: unknown) => showServerIssues(form, error),
    );
  });

  return (
    <Section
      title={`Bâtiments et salles (${e.buildings.length} bâtiment${e.buildings.length > 1 ? 's' : ''}, ${e.rooms.length} salle${e.rooms.length > 1 ? 's' : ''})`}
      id="locaux"
      actions={
        canManage &&
        !adding && (
          <Button size="sm" variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            Ajouter un bâtiment
          </Button>
        )
      }
    >
      <Stack gap="md">
        {adding && (
          <form onSubmit={add} noValidate aria-label="Nouveau bâtiment">
            <Group align="flex-end" gap="sm">
              <TextInput label="Nom du bâtiment" required maxLength={120} data-autofocus autoFocus style={{ flex: 1, minWidth: 220 }} {...form.getInputProps('name')} />
              <Button type="submit" loading={premises.isPending}>
                Ajouter
              </Button>
              <Button variant="default" onClick={() => setAdding(false)}>
                Annuler
              </Button>
            </Group>
          </form>
        )}
        {e.buildings.length === 0 && !adding && (
          <Text c="dimmed">
            Aucun bâtiment enregistré.{canManage ? ' Ajoutez les bâtiments puis leurs salles (classes, ateliers, CDI, internat…).' : ''}
          </Text>
        )}
        {e.buildings.map((b) => (
          <BuildingBlock key={b.id} building={b} rooms={e.rooms.filter((r) => r.buildingId === b.id)} canManage={canManage} premises={premises} />
        ))}
      </Stack>
    </Section>
  );
}
