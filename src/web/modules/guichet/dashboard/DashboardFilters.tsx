import { Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { useCan } from '../../../session/session';
import { useUnits } from '../../units/queries';
import { SchoolSelect } from '../../../ui/SchoolSelect';
import { useDeskCategories, useDeskTeams } from './queries';
import type { DeskDashboardSearch } from './types';

const levels = [
  { value: '0', label: 'Niveau 0 (sur site)' },
  { value: '1', label: 'Niveau 1 (technicien de secteur)' },
  { value: '2', label: 'Niveau 2 (expert régional)' },
  { value: '3', label: 'Niveau 3 (prestataire, constructeur)' },
];

/**
 * The period and the filters, kept in the address bar. Units and teams are offered to those who
 * may list them; the server applies the caller's scope whatever is chosen.
 */
export function DashboardFilters({ search, onChange }: { search: DeskDashboardSearch; onChange: (next: DeskDashboardSearch) => void }) {
  const seesUnits = useCan('unit.read');
  const seesTeams = useCan('ticket.private.read');
  const units = useUnits(seesUnits);
  const teams = useDeskTeams(seesTeams);
  const categories = useDeskCategories();
  const set = (key: keyof DeskDashboardSearch) => (value: string | null) => onChange({ ...search, [key]: value || undefined });
  const period = search.from && search.to && search.from > search.to ? 'Le début de la période doit précéder sa fin.' : undefined;

  return (
    <Paper withBorder p="md" radius="md" component="form" aria-label="Filtres du tableau de bord" onSubmit={(e) => e.preventDefault()}>
      <Group align="flex-start" gap="md">
        <TextInput type="date" label="Du" description="Vide : 90 jours avant la fin" value={search.from ?? ''} onChange={(e) => set('from')(e.currentTarget.value)} error={period} w={170} />
        <TextInput type="date" label="Au" description="Vide : aujourd’hui" value={search.to ?? ''} onChange={(e) => set('to')(e.currentTarget.value)} w={170} />
        {seesUnits && (
          <Select
            label="Unité territoriale"
            description="Avec ses sous-unités"
            placeholder="Toutes"
            data={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))}
            value={search.unitId ?? null}
            onChange={set('unitId')}
            searchable
            clearable
            w={240}
          />
        )}
        {seesTeams && (
          <Select
            label="Équipe"
            description="Équipe attributaire"
            placeholder="Toutes"
            data={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
            value={search.teamId ?? null}
            onChange={set('teamId')}
            searchable
            clearable
            w={260}
          />
        )}
        <Select label="Niveau" description="Niveau de support" placeholder="Tous" data={levels} value={search.level ?? null} onChange={set('level')} clearable w={240} />
        <Select
          label="Catégorie"
          description="Catégorie du ticket"
          placeholder="Toutes"
          data={(categories.data?.items ?? []).map((c) => ({ value: c.key, label: c.label }))}
          value={search.category ?? null}
          onChange={set('category')}
          searchable
          clearable
          w={260}
        />
        <div style={{ minWidth: 260, maxWidth: 420, flex: 1 }}>
          <SchoolSelect label="Établissement" description="Vide : tous ceux de votre périmètre" placeholder="Tous" value={search.uai ?? null} onChange={(v) => set('uai')(v)} />
        </div>
      </Group>
      <Group mt="sm">
        <Button variant="subtle" onClick={() => onChange({})} disabled={Object.values(search).every((v) => v === undefined)}>
          Effacer les filtres
        </Button>
      </Group>
    </Paper>
  );
}
