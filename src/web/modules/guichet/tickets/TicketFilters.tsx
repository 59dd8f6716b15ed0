import { Checkbox, Grid, Group, NativeSelect } from '@mantine/core';
import { FilterBar, ResetFiltersButton } from '../../../ui/FilterBar';
import { useCan } from '../../../session/session';
import { SchoolSelect } from '../../../ui/SchoolSelect';
import { levelLabels, priorityLabels, statusLabels, typeLabels } from './labels';
import { hasTicketFilters, type StatusFilter, type TicketListSearch } from './list-search';
import { useCategories, useTeams } from './queries';

const statusOptions = [
  { value: '', label: 'Tous les statuts' },
  { value: 'open', label: 'En cours (ni résolus ni clos)' },
  ...Object.entries(statusLabels).map(([value, label]) => ({ value, label })),
];
const typeOptions = [{ value: '', label: 'Incidents et demandes' }, ...Object.entries(typeLabels).map(([value, label]) => ({ value, label }))];
const priorityOptions = [{ value: '', label: 'Toutes les priorités' }, ...Object.entries(priorityLabels).map(([value, label]) => ({ value, label }))];
const levelOptions = [{ value: '', label: 'Tous les niveaux' }, ...Object.entries(levelLabels).map(([value, label]) => ({ value, label }))];

interface Props {
  search: TicketListSearch;
  onChange: (changes: Partial<TicketListSearch>, replace?: boolean) => void;
  onReset: () => void;
}

/** Filters of the ticket list; the text search is debounced, every other filter applies at once. */
export function TicketFilters({ search, onChange, onReset }: Props) {
  const desk = useCan('ticket.private.read');
  const categories = useCategories();
  const teams = useTeams(desk);

  const categoryOptions = [{ value: '', label: 'Toutes les catégories' }, ...(categories.data?.items ?? []).map((c) => ({ value: c.key, label: c.label }))];
  const teamOptions = [
    { value: '', label: 'Toutes les équipes' },
    { value: 'none', label: 'Sans équipe' },
    ...(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name })),
  ];

  return (
    <FilterBar label="Filtrer les tickets" searchDescription="Numéro ou mots du titre" search={search.search} onSearch={(text, replace) => onChange({ search: text }, replace)}>
      <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
        <SchoolSelect label="Établissement" description="Nom, UAI ou commune" value={search.uai ?? null} onChange={(uai) => onChange({ uai: uai ?? undefined })} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
        <NativeSelect
          label="Statut"
          data={statusOptions}
          value={search.status ?? ''}
          onChange={(e) => onChange({ status: (e.currentTarget.value || undefined) as StatusFilter | undefined })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
        <NativeSelect
          label="Type"
          data={typeOptions}
          value={search.type ?? ''}
          onChange={(e) => onChange({ type: (e.currentTarget.value || undefined) as TicketListSearch['type'] })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
        <NativeSelect
          label="Priorité"
          data={priorityOptions}
          value={search.priority ? String(search.priority) : ''}
          onChange={(e) => onChange({ priority: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
        <NativeSelect label="Catégorie" data={categoryOptions} value={search.category ?? ''} onChange={(e) => onChange({ category: e.currentTarget.value || undefined })} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
        <NativeSelect
          label="Niveau"
          data={levelOptions}
          value={search.level !== undefined ? String(search.level) : ''}
          onChange={(e) => onChange({ level: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })}
        />
      </Grid.Col>
      {desk && (
        <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
          <NativeSelect label="Équipe" data={teamOptions} value={search.teamId ?? ''} onChange={(e) => onChange({ teamId: e.currentTarget.value || undefined })} />
        </Grid.Col>
      )}
      <Grid.Col span={{ base: 12, lg: desk ? 8 : 12 }}>
        <Group gap="lg" justify="space-between">
          <Group gap="lg">
            <Checkbox
              label="Mes demandes"
              checked={search.mine === 'requested'}
              onChange={(e) => onChange({ mine: e.currentTarget.checked ? 'requested' : undefined })}
            />
            {desk && (
              <Checkbox
                label="Attribués à moi"
                checked={search.mine === 'assigned'}
                onChange={(e) => onChange({ mine: e.currentTarget.checked ? 'assigned' : undefined })}
              />
            )}
            <Checkbox label="Délai dépassé" checked={search.breached === 'true'} onChange={(e) => onChange({ breached: e.currentTarget.checked ? 'true' : undefined })} />
          </Group>
          <ResetFiltersButton onReset={onReset} disabled={!hasTicketFilters(search)} />
        </Group>
      </Grid.Col>
    </FilterBar>
  );
}
