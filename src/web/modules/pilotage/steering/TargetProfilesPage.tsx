import { ActionIcon, Badge, Button, Group, NativeSelect, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { indicatorCodes, indicatorDefinitions } from '../../../../modules/pilotage/indicators/catalogue.input';
import { createTargetProfileInput, profileIndicatorsInput } from '../../../../modules/pilotage/operations/target-profile.input';
import { apiClient, call, errorMessage, getActiveTenant } from '../../../api/client';
import type { ResponseOf } from '../../../api/types';
import { formatNumber } from '../../../labels';
import { useCan } from '../../../session/session';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { SimpleTable } from '../../../ui/SimpleTable';

type Profile = ResponseOf<'/api/pilotage/target-profiles'>['items'][number];
type Version = Profile['versions'][number];
type Code = (typeof indicatorCodes)[number];
interface Line {
  code: Code;
  target: number | string;
}

const profilesKey = () => ['steering', getActiveTenant(), 'target-profiles'] as const;
const kindLabels: Record<string, string> = { lycee: 'Lycées', college: 'Collèges', ecole: 'Écoles' };
const codeOptions = indicatorCodes.map((code) => ({ value: code, label: indicatorDefinitions[code].label }));
const unitOf = (code: string) => indicatorDefinitions[code as Code]?.unit ?? '';
/** Shares travel as fractions (0.8) and read as percentages; « pupils per device » is a ceiling, the others minimums. */
const targetText = (code: string, target: number) => {
  const definition = indicatorDefinitions[code as Code];
  const sign = definition?.direction === 'at-most' ? '≤' : '≥';
  return definition?.unit === 'part' ? `${sign} ${formatNumber(Math.round(target * 1000) / 10)} %` : `${sign} ${formatNumber(target)} ${definition?.unit ?? ''}`.trim();
};
const toIndicators = (lines: Line[]) => lines.map((l) => ({ code: l.code, target: typeof l.target === 'number' ? l.target : Number.NaN }));
const bandText = (p: Profile) =>
  p.minPupils === null && p.maxPupils === null ? 'toutes tailles' : `${p.minPupils === null ? '' : `de ${formatNumber(p.minPupils)} `}${p.maxPupils === null ? 'élèves et plus' : `à ${formatNumber(p.maxPupils)} élèves`}`;

export function TargetProfilesPage() {
  return (
    <Guard permission="steering.read">
      <TargetProfiles />
    </Guard>
  );
}

function TargetProfiles() {
  const profiles = useQuery({ queryKey: profilesKey(), queryFn: ({ signal }) => call(apiClient.GET('/api/pilotage/target-profiles', { signal })) });
  const canManage = useCan('target.manage');
  return (
    <>
      <PageHeader
        title="Profils cibles"
        subtitle="La cible de chaque type d’établissement et tranche d’effectif : des seuils par indicateur, versionnés. Une version qui a servi à un PPI voté est figée : on en crée une nouvelle."
        actions={<AnchorLink to="/pilotage">Tableau de bord des écarts</AnchorLink>}
      />
      <Stack gap="lg">
        {profiles.error ? (
          <QueryError error={profiles.error} retry={() => void profiles.refetch()} />
        ) : !profiles.data ? (
          <Loading label="Chargement des profils cibles…" />
        ) : profiles.data.items.length === 0 ? (
          <Paper withBorder p="lg" radius="md">
            <Text>Aucun profil cible : tant qu’il n’y en a pas, les écarts des établissements restent inconnus.</Text>
          </Paper>
        ) : (
          profiles.data.items.map((p) => <ProfileCard key={p.id} profile={p} canManage={canManage} />)
        )}
        {canManage && <NewProfile />}
      </Stack>
    </>
  );
}

function ProfileCard({ profile, canManage }: { profile: Profile; canManage: boolean }) {
  const [editing, setEditing] = useState<Version | 'new' | null>(null);
  const last = profile.versions[profile.versions.length - 1];
  return (
    <Section title={`${profile.name} (${kindLabels[profile.establishmentKind] ?? profile.establishmentKind}, ${bandText(profile)})`} id={`profil-${profile.id}`}>
      <Stack gap="md">
        {profile.versions.map((v) => (
          <Stack key={v.id} gap={4}>
            <SimpleTable
              caption={
                <Group gap="xs" component="span">
                  <Text span fw={600} size="sm">{`${profile.name}, version ${v.number}`}</Text>
                  {v.frozen && (
                    <Badge variant="light" color="gray">
                      figée par un PPI voté
                    </Badge>
                  )}
                </Group>
              }
              columns={['Indicateur', { label: 'Cible', numeric: true }]}
              rows={v.indicators.map((i) => ({ key: i.code, cells: [indicatorDefinitions[i.code as Code]?.label ?? i.code, targetText(i.code, i.target)] }))}
            />
            {canManage && !v.frozen && editing !== v && (
              <Group>
                <Button size="xs" variant="default" onClick={() => setEditing(v)}>
                  {`Modifier la version ${v.number}`}
                </Button>
              </Group>
            )}
            {editing === v && <VersionForm profile={profile} version={v} onDone={() => setEditing(null)} />}
          </Stack>
        ))}
        {canManage && editing !== 'new' && (
          <Group>
            <Button size="xs" onClick={() => setEditing('new')}>
              Nouvelle version
            </Button>
          </Group>
        )}
        {editing === 'new' && <VersionForm profile={profile} from={last} onDone={() => setEditing(null)} />}
      </Stack>
    </Section>
  );
}

/** A version's thresholds: a new one (from the last version's) or an edit of one not yet frozen (409 if someone saved first). */
function VersionForm({ profile, version, from, onDone }: { profile: Profile; version?: Version; from?: Version; onDone: () => void }) {
  const queryClient = useQueryClient();
  const start = (version ?? from)?.indicators ?? [];
  const form = useForm<{ indicators: Line[] }>({
    initialValues: { indicators: start.map((i) => ({ code: i.code as Code, target: i.target })) },
    validate: schemaValidator(profileIndicatorsInput, (v: { indicators: Line[] }) => toIndicators(v.indicators), (path) => `indicators.${path}`),
  });
  const save = useMutation({
    mutationFn: (lines: Line[]) => {
      const indicators = toIndicators(lines);
      return version
        ? call(apiClient.PUT('/api/pilotage/target-profiles/{id}/versions/{number}', { params: { path: { id: profile.id, number: version.number } }, body: { version: version.version, indicators } }))
        : call(apiClient.POST('/api/pilotage/target-profiles/{id}/versions', { params: { path: { id: profile.id } }, body: { indicators } }));
    },
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: version ? `Version ${version.number} enregistrée.` : 'Nouvelle version créée.' });
      await queryClient.invalidateQueries({ queryKey: ['steering', getActiveTenant()] });
      onDone();
    },
    onError: (error) => showServerIssues(form, error) || notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v.indicators))} noValidate aria-label={version ? `Modifier la version ${version.number} de ${profile.name}` : `Nouvelle version de ${profile.name}`}>
      <Stack gap="xs">
        <IndicatorLines form={form} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {version ? 'Enregistrer' : 'Créer la version'}
          </Button>
          <Button variant="default" onClick={onDone}>
            Annuler
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ProfileValues {
  name: string;
  establishmentKind: 'lycee' | 'college' | 'ecole';
  minPupils: number | string;
  maxPupils: number | string;
  indicators: Line[];
}

const bound = (v: number | string) => (typeof v === 'number' ? v : null);
const toProfile = (v: ProfileValues) => ({ name: v.name, establishmentKind: v.establishmentKind, minPupils: bound(v.minPupils), maxPupils: bound(v.maxPupils), indicators: toIndicators(v.indicators) });

function NewProfile() {
  const queryClient = useQueryClient();
  const form = useForm<ProfileValues>({
    initialValues: { name: '', establishmentKind: 'lycee', minPupils: '', maxPupils: '', indicators: [{ code: 'internet_symmetric', target: 100 }] },
    validate: schemaValidator(createTargetProfileInput, toProfile),
  });
  const create = useMutation({
    mutationFn: (v: ProfileValues) => call(apiClient.POST('/api/pilotage/target-profiles', { body: toProfile(v) })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Profil cible créé (version 1).' });
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ['steering', getActiveTenant()] });
    },
    onError: (error) => showServerIssues(form, error) || notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Section title="Nouveau profil cible" id="nouveau-profil">
      <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate aria-label="Nouveau profil cible">
        <Stack gap="sm">
          <Group align="flex-end" wrap="wrap">
            <TextInput label="Nom" required maxLength={120} style={{ flex: 2, minWidth: 200 }} {...form.getInputProps('name')} />
            <NativeSelect label="Type d’établissement" data={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))} {...form.getInputProps('establishmentKind')} />
            <NumberInput label="Élèves, à partir de" min={0} allowDecimal={false} w={150} {...form.getInputProps('minPupils')} />
            <NumberInput label="Élèves, jusqu’à" min={0} allowDecimal={false} w={150} {...form.getInputProps('maxPupils')} />
          </Group>
          <IndicatorLines form={form} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Créer le profil
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** The thresholds of a version: one line per indicator (each at most once, the server says so too). */
function IndicatorLines({ form }: { form: { values: { indicators: Line[] }; getInputProps: (path: string) => object; insertListItem: (path: string, item: Line) => void; removeListItem: (path: string, index: number) => void; errors: Record<string, unknown> } }) {
  const lines = form.values.indicators;
  const unused = indicatorCodes.find((c) => !lines.some((l) => l.code === c));
  return (
    <Stack gap={6}>
      {lines.map((line, index) => (
        <Group key={index} align="flex-end" gap="xs" wrap="nowrap">
          <NativeSelect label={index === 0 ? 'Indicateur' : undefined} aria-label={`Indicateur ${index + 1}`} data={codeOptions} style={{ flex: 2 }} {...form.getInputProps(`indicators.${index}.code`)} />
          <NumberInput
            label={index === 0 ? 'Seuil' : undefined}
            aria-label={`Seuil de l’indicateur ${index + 1}${unitOf(line.code) ? ` (${unitOf(line.code) === 'part' ? 'part de 0 à 1' : unitOf(line.code)})` : ''}`}
            min={0}
            decimalSeparator=","
            w={160}
            {...form.getInputProps(`indicators.${index}.target`)}
          />
          <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Retirer l’indicateur ${index + 1}`} onClick={() => form.removeListItem('indicators', index)} disabled={lines.length === 1}>
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      ))}
      {typeof form.errors.indicators === 'string' && (
        <Text size="sm" c="red.8">
          {form.errors.indicators}
        </Text>
      )}
      {unused && (
        <Group>
          <Button size="xs" variant="light" onClick={() => form.insertListItem('indicators', { code: unused, target: 0 })}>
            Ajouter un indicateur
          </Button>
        </Group>
      )}
      <Text size="xs" c="dimmed">
        Les parts s’écrivent de 0 à 1 (0,8 pour 80 %) ; « Élèves par équipement » est un plafond, les autres seuils sont des minimums.
      </Text>
    </Stack>
  );
}
