import { Grid, NativeSelect } from '@mantine/core';
import { FilterBar, ResetFiltersButton } from '../../ui/FilterBar';
import { academies, natures } from '../../labels';
import { hasFilters, type ListSearch } from './list-search';

const options = (all: string, entries: [string, string][]) => [{ value: '', label: all }, ...entries.map(([value, label]) => ({ value, label }))];

const sectorOptions = options('Tous', [['public', 'Public'], ['private', 'Privé']]);
const priorityOptions = options('Toutes', [['REP', 'REP'], ['REP+', 'REP+'], ['none', 'Hors éducation prioritaire']]);
const openOptions = options('Tous', [['true', 'Ouverts'], ['false', 'Fermés ou à ouvrir']]);
const natureOptions = options('Toutes les natures', Object.entries(natures).map(([code, label]) => [code, `${label} (${code})`]));
const academyOptions = options('Toutes les académies', Object.entries(academies).sort((a, b) => a[1].localeCompare(b[1], 'fr')));

interface Props {
  search: ListSearch;
  onChange: (changes: Partial<ListSearch>, replace?: boolean) => void;
  onReset: () => void;
}

/** Filters of the list; the text search is debounced, every other filter applies at once. */
export function EstablishmentFilters({ search, onChange, onReset }: Props) {
  const select = (name: keyof ListSearch) => (event: React.ChangeEvent<HTMLSelectElement>) =>
    onChange({ [name]: event.currentTarget.value || undefined });

  return (
    <FilterBar label="Filtrer les établissements" searchDescription="Nom, UAI, commune ou code postal" search={search.search} onSearch={(text, replace) => onChange({ search: text }, replace)}>
      <Grid.Col span={{ base: 6, sm: 4, lg: 2 }}>
        <NativeSelect label="Secteur" data={sectorOptions} value={search.sector ?? ''} onChange={select('sector')} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 4, lg: 2 }}>
        <NativeSelect label="Éducation prioritaire" data={priorityOptions} value={search.priorityEducation ?? ''} onChange={select('priorityEducation')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4, lg: 2 }}>
        <NativeSelect label="État" data={openOptions} value={search.isOpen ?? ''} onChange={select('isOpen')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
        <NativeSelect label="Nature" data={natureOptions} value={search.natureCode ?? ''} onChange={select('natureCode')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
        <NativeSelect label="Académie" data={academyOptions} value={search.academyCode ?? ''} onChange={select('academyCode')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6, lg: 'content' }}>
        <ResetFiltersButton onReset={onReset} disabled={!hasFilters(search)} />
      </Grid.Col>
    </FilterBar>
  );
}
