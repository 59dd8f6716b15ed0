import { Alert, Button, Checkbox, Fieldset, Group, NumberInput, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { inventorySettingsInput } from '../../../modules/parc/operations/update-inventory-settings.input';
import { errorMessage, isApiError } from '../../api/client';
import type { BodyOf } from '../../api/types';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { assetClasses, assetClassLabels, defaultExpectedLifeYears } from './labels';
import { useInventorySettings, useSaveInventorySettings } from './queries';
import type { InventorySettings } from './types';

export function InventorySettingsSection() {
  const settings = useInventorySettings();
  return (
    <Section title="Réglages de l’inventaire" id="reglages">
      {settings.error ? (
        <QueryError error={settings.error} retry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <Loading label="Chargement des réglages…" />
      ) : (
        // a new version read (after a save or a reload) resets the form
        <SettingsForm key={settings.data.version} settings={settings.data} onReload={() => void settings.refetch()} />
      )}
    </Section>
  );
}

interface SettingsValues {
  requireCredentials: boolean;
  tagsOnlyFromNetworks: boolean;
  acceptTaggedAgents: boolean;
  storeLastUser: boolean;
  networks: string;
  staleAfterDays: number | string;
  life: Record<string, number | string>;
}

function SettingsForm({ settings, onReload }: { settings: InventorySettings; onReload: () => void }) {
  const bodyOf = (v: SettingsValues) => ({
    version: settings.version,
    requireCredentials: v.requireCredentials,
    tagsOnlyFromNetworks: v.tagsOnlyFromNetworks,
    acceptTaggedAgents: v.acceptTaggedAgents,
    storeLastUser: v.storeLastUser,
    networks: v.networks.split(/[\s,;]+/).map((n) => n.trim()).filter(Boolean),
    staleAfterDays: v.staleAfterDays === '' ? undefined : Number(v.staleAfterDays),
    expectedLifeYears: Object.fromEntries(Object.entries(v.life).filter(([, years]) => years !== '').map(([c, years]) => [c, Number(years)])),
  });
  // PUT /api/inventory/settings's own schema: each refusal under its field (a network under the list, a life under its type)
  const form = useForm<SettingsValues>({
    initialValues: {
      requireCredentials: settings.requireCredentials,
      tagsOnlyFromNetworks: settings.tagsOnlyFromNetworks,
      acceptTaggedAgents: settings.acceptTaggedAgents,
      storeLastUser: settings.storeLastUser,
      networks: settings.networks.join('\n'),
      staleAfterDays: settings.staleAfterDays,
      life: { ...settings.expectedLifeYears },
    },
    validate: schemaValidator(inventorySettingsInput, bodyOf),
  });
  const errors = form.errors as Record<string, string>;
  const save = useSaveInventorySettings();
  const conflict = isApiError(save.error, 409);

  const submit = form.onSubmit(async (values) => {
    try {
      // validated above: the days are a number here
      await save.mutateAsync(bodyOf(values) as BodyOf<'/api/inventory/settings', 'put'>);
      notifications.show({ color: 'teal', message: 'Réglages enregistrés.' });
    } catch (error) {
      showServerIssues(form, error);
    }
  });
  const networkErrors = Object.entries(errors).filter(([k]) => k.startsWith('networks'));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {save.error && (
          <Alert color={conflict ? 'orange' : 'red'} icon={<IconAlertTriangle aria-hidden />} role="alert" title={conflict ? 'Modification concurrente' : 'Enregistrement impossible'}>
            <Stack gap="xs" align="flex-start">
              <span>{errorMessage(save.error)}</span>
              {conflict && (
                <Button size="xs" variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onReload}>
                  Recharger les réglages actuels
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        <Fieldset legend="Rattachement des agents" variant="unstyled">
          <Stack gap="md">
            <Checkbox
              label="Exiger les identifiants des agents"
              description="Seuls les agents configurés avec les identifiants de la collectivité sont rattachés : étiquettes et réseaux sont ignorés. Recommandé ; c’est le réglage des nouvelles collectivités."
              {...form.getInputProps('requireCredentials', { type: 'checkbox' })}
            />
            <Checkbox
              label="Accepter les agents étiquetés"
              description="Un rapport dont l’étiquette (--tag) est l’UAI d’un de vos établissements est rattaché à votre parc sans identifiants. Un tel rapport crée un équipement, mais ne déplace, ne renomme ni ne réidentifie jamais un équipement placé par une personne, un import, une livraison ou un agent authentifié : ce changement attend qu’un technicien le confirme sur la fiche."
              {...form.getInputProps('acceptTaggedAgents', { type: 'checkbox' })}
              disabled={form.values.requireCredentials}
            />
            <Checkbox
              label="N’accepter les étiquettes que depuis les réseaux des établissements"
              description="Une étiquette envoyée d’une adresse hors des réseaux déclarés ci-dessous est ignorée."
              {...form.getInputProps('tagsOnlyFromNetworks', { type: 'checkbox' })}
              disabled={form.values.requireCredentials || !form.values.acceptTaggedAgents}
            />
            <Textarea
              label="Réseaux des établissements"
              description="Blocs CIDR, un par ligne (192.0.2.0/24, 2001:db8::/48) : un rapport venu de ces adresses est rattaché à votre parc."
              autosize
              minRows={3}
              maxRows={12}
              {...form.getInputProps('networks')}
              error={networkErrors.length ? networkErrors.map(([, m]) => m).join(' ') : undefined}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend="Données conservées" variant="unstyled">
          <Stack gap="md">
            <Checkbox
              label="Conserver le dernier utilisateur connecté"
              description="Donnée personnelle, souvent l’identifiant d’un élève mineur : ne l’activez que si un besoin le justifie (RGPD). Décocher puis enregistrer efface aussitôt les utilisateurs déjà conservés sur tous les équipements de la collectivité."
              {...form.getInputProps('storeLastUser', { type: 'checkbox' })}
            />
            <NumberInput
              label="Équipement « non vu » après (jours)"
              description="Sans inventaire depuis ce délai, l’équipement est signalé dans la liste et le tableau de bord."
              min={1}
              max={3650}
              allowDecimal={false}
              clampBehavior="none"
              {...form.getInputProps('staleAfterDays')}
              maw={360}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend="Durée de vie attendue par type (années)" variant="unstyled">
          <Text size="sm" c="dimmed" mb="sm">
            Sert à la prévision de renouvellement. Valeurs par défaut des schémas : PC 5 ans, tablette 4 ans, vidéoprojecteur 6 ans.
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
            {assetClasses.map((c) => (
              <NumberInput
                key={c}
                label={assetClassLabels[c]}
                description={`Défaut : ${defaultExpectedLifeYears[c]} ans`}
                min={1}
                max={30}
                allowDecimal={false}
                clampBehavior="none"
                value={form.values.life[c] ?? ''}
                onChange={(v) => form.setFieldValue('life', { ...form.values.life, [c]: v })}
                error={errors[`expectedLifeYears.${c}`]}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={conflict}>
            Enregistrer les réglages
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
