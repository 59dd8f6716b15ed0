import { Button, Checkbox, Grid, Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useCan } from '../../../session/session';
import { SchoolSelect } from '../../parc/SchoolSelect';
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
  const [text, setText] = useState(search.search ?? '');
  const [debounced] = useDebouncedValue(text, 350);

  useEffect(() => {
    const next = debounced.trim() || undefined;
    if (next !== search.search) onChange({ search: next }, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useEffect(() => {
    if ((search.search ?? '') !== debounced.trim()) setText(search.search ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search.search]);

  const categoryOptions = [{ value: '', label: 'Toutes les catégories' }, ...(categories.data?.items ?? []).map((c) => ({ value: c.key, label: c.label }))];
  const teamOptions = [
    { value: '', label: 'Toutes les équipes' },
    { value: 'none', label: 'Sans équipe' },
    ...(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name })),
  ];

  return (
    <form
      role="search"
      aria-label="Filtrer les tickets"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ search: text.trim() || undefined });
      }}
    >
      <Grid gutter="sm" align="flex-end">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <TextInput
            label="Rechercher"
            description="Numéro ou mots du titre"
            leftSection={<IconSearch size={18} aria-hidden />}
            type="search"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
        </Grid.Col>
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
            <Button variant="subtle" leftSection={<IconFilterOff size={18} aria-hidden />} onClick={onReset} disabled={!hasTicketFilters(search)}>
              Effacer les filtres
            </Button>
          </Group>
        </Grid.Col>
      </Grid>
    </form>
  );
}
