import { Alert, Button, Checkbox, Fieldset, Group, NumberInput, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { errorMessage, isApiError } from '../../api';
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

function SettingsForm({ settings, onReload }: { settings: InventorySettings; onReload: () => void }) {
  const [requireCredentials, setRequireCredentials] = useState(settings.requireCredentials);
  const [acceptTagged, setAcceptTagged] = useState(settings.acceptTaggedAgents);
  const [tagsOnlyFromNetworks, setTagsOnlyFromNetworks] = useState(settings.tagsOnlyFromNetworks);
  const [storeLastUser, setStoreLastUser] = useState(settings.storeLastUser);
  const [networks, setNetworks] = useState(settings.networks.join('\n'));
  const [staleDays, setStaleDays] = useState<number | ''>(settings.staleAfterDays);
  const [life, setLife] = useState<Record<string, number | ''>>({ ...settings.expectedLifeYears });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveInventorySettings();
  const conflict = isApiError(save.error, 409);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    if (staleDays === '') {
      setErrors({ staleAfterDays: 'Indiquez un nombre de jours.' });
      return;
    }
    const expectedLifeYears = Object.fromEntries(Object.entries(life).filter(([, v]) => v !== '')) as Record<string, number>;
    try {
      await save.mutateAsync({
        version: settings.version,
        requireCredentials,
        acceptTaggedAgents: acceptTagged,
        tagsOnlyFromNetworks,
        storeLastUser,
        networks: networks.split(/[\s,;]+/).map((n) => n.trim()).filter(Boolean),
        staleAfterDays: staleDays,
        expectedLifeYears,
      });
      notifications.show({ color: 'teal', message: 'Réglages enregistrés.' });
    } catch (error) {
      if (isApiError(error)) setErrors(Object.fromEntries(error.issues.map((i) => [i.path.split('.').slice(0, 2).join('.'), i.message])));
    }
  };
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
              checked={requireCredentials}
              onChange={(e) => setRequireCredentials(e.currentTarget.checked)}
            />
            <Checkbox
              label="Accepter les agents étiquetés"
              description="Un rapport dont l’étiquette (--tag) est l’UAI d’un de vos établissements est rattaché à votre parc sans identifiants. Un tel rapport crée un équipement, mais ne déplace, ne renomme ni ne réidentifie jamais un équipement placé par une personne, un import, une livraison ou un agent authentifié : ce changement attend qu’un technicien le confirme sur la fiche."
              checked={acceptTagged}
              disabled={requireCredentials}
              onChange={(e) => setAcceptTagged(e.currentTarget.checked)}
            />
            <Checkbox
              label="N’accepter les étiquettes que depuis les réseaux des établissements"
              description="Une étiquette envoyée d’une adresse hors des réseaux déclarés ci-dessous est ignorée."
              checked={tagsOnlyFromNetworks}
              disabled={requireCredentials || !acceptTagged}
              onChange={(e) => setTagsOnlyFromNetworks(e.currentTarget.checked)}
            />
            <Textarea
              label="Réseaux des établissements"
              description="Blocs CIDR, un par ligne (192.0.2.0/24, 2001:db8::/48) : un rapport venu de ces adresses est rattaché à votre parc."
              autosize
              minRows={3}
              maxRows={12}
              value={networks}
              onChange={(e) => setNetworks(e.currentTarget.value)}
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
              checked={storeLastUser}
              onChange={(e) => setStoreLastUser(e.currentTarget.checked)}
            />
            <NumberInput
              label="Équipement « non vu » après (jours)"
              description="Sans inventaire depuis ce délai, l’équipement est signalé dans la liste et le tableau de bord."
              min={1}
              max={3650}
              allowDecimal={false}
              value={staleDays}
              onChange={(v) => setStaleDays(v === '' ? '' : Number(v))}
              error={errors.staleAfterDays}
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
                value={life[c] ?? ''}
                onChange={(v) => setLife((l) => ({ ...l, [c]: v === '' ? '' : Number(v) }))}
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
