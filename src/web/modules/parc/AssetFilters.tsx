import { Grid, NativeSelect } from '@mantine/core';
import { FilterBar, ResetFiltersButton } from '../../ui/FilterBar';
import { assetClasses, assetClassLabels, assetStatuses, assetStatusLabels } from './labels';
import { hasAssetFilters, type AssetListSearch } from './list-search';
import { SchoolSelect } from '../../ui/SchoolSelect';

const classOptions = [{ value: '', label: 'Tous les types' }, ...assetClasses.map((c) => ({ value: c, label: assetClassLabels[c] }))];
const statusOptions = [{ value: '', label: 'Tous les statuts' }, ...assetStatuses.map((s) => ({ value: s, label: assetStatusLabels[s] }))];
const staleOptions = [
  { value: '', label: 'Peu importe' },
  ...[7, 15, 30, 60, 90, 180, 365].map((d) => ({ value: String(d), label: `Plus de ${d} jours` })),
];

interface Props {
  search: AssetListSearch;
  onChange: (changes: Partial<AssetListSearch>, replace?: boolean) => void;
  onReset: () => void;
}

/** Filters of the device list; the text search is debounced, every other filter applies at once. */
export function AssetFilters({ search, onChange, onReset }: Props) {
  const staleValue = search.staleDays ? String(search.staleDays) : '';
  const staleData = staleOptions.some((o) => o.value === staleValue) ? staleOptions : [...staleOptions, { value: staleValue, label: `Plus de ${staleValue} jours` }];

  return (
    <FilterBar label="Filtrer les équipements" searchDescription="Nom, n° de série, adresse MAC ou n° d’inventaire" search={search.search} onSearch={(text, replace) => onChange({ search: text }, replace)}>
      <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
        <SchoolSelect label="Établissement" description="Nom, UAI ou commune" value={search.uai ?? null} onChange={(uai) => onChange({ uai: uai ?? undefined })} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
        <NativeSelect
          label="Non vus depuis"
          description="Dernier inventaire de l’agent"
          data={staleData}
          value={staleValue}
          onChange={(e) => onChange({ staleDays: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 4, lg: 3 }}>
        <NativeSelect label="Type" data={classOptions} value={search.class ?? ''} onChange={(e) => onChange({ class: (e.currentTarget.value || undefined) as AssetListSearch['class'] })} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 4, lg: 3 }}>
        <NativeSelect label="Statut" data={statusOptions} value={search.status ?? ''} onChange={(e) => onChange({ status: (e.currentTarget.value || undefined) as AssetListSearch['status'] })} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4, lg: 'content' }}>
        <ResetFiltersButton onReset={onReset} disabled={!hasAssetFilters(search)} />
      </Grid.Col>
    </FilterBar>
  );
}
