import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiClient, call, getActiveTenant } from '../api/client';
import { establishmentQuery } from '../modules/establishments/queries';
import type { Establishment } from '../modules/establishments/types';
import { displayName } from '../../shared/display-name';

interface Props {
  label: string;
  description?: string;
  value: string | null;
  onChange: (uai: string | null) => void;
  placeholder?: string;
  clearable?: boolean;
  required?: boolean;
  error?: string;
  disabled?: boolean;
  /** Put the school whose UAI is typed in full first (the server's search is fuzzy). */
  typedUaiFirst?: boolean;
  debounceMs?: number;
}

const optionLabel = (e: { name: string; uai: string }) => `${displayName(e.name)} (${e.uai})`;

/**
 * Picks a school by name, UAI or commune: the server searches (a Région has hundreds of schools, a
 * commune's écoles can be more), 30 at a time, within the person's scope.
 */
export function SchoolSelect({ label, description, value, onChange, placeholder, clearable = true, required, error, disabled, typedUaiFirst = false, debounceMs = 250 }: Props) {
  const [searchValue, setSearchValue] = useState('');
  // the list is asked for only once someone opens it
  const [wanted, setWanted] = useState(false);
  const selected = useQuery({ ...establishmentQuery(value ?? ''), enabled: Boolean(value), retry: false });
  const selectedLabel = value ? (selected.data ? optionLabel(selected.data) : value) : '';
  const term = searchValue === selectedLabel ? '' : searchValue.trim();
  const [debounced] = useDebouncedValue(term, debounceMs);
  const results = useQuery({
    queryKey: ['establishments', getActiveTenant(), 'pick', debounced],
    queryFn: ({ signal }) => call(apiClient.GET('/api/establishments', { params: { query: { search: debounced || undefined, pageSize: 30, sort: 'name' } }, signal })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled: wanted,
  });

  const data = useMemo(() => {
    const typed = debounced.toUpperCase();
    const items = results.data?.items ?? [];
    const ordered = typedUaiFirst ? [...items].sort((a, b) => Number(b.uai === typed) - Number(a.uai === typed)) : items;
    const options = ordered.map((e) => ({ value: e.uai, label: optionLabel(e) }));
    if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: selectedLabel });
    return options;
  }, [results.data, value, selectedLabel, debounced, typedUaiFirst]);

  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder ?? 'Nom, UAI ou commune'}
      data={data}
      value={value}
      onChange={(v) => onChange(v)}
      searchable
      searchValue={searchValue}
      onSearchChange={(v) => {
        setSearchValue(v);
        if (v !== selectedLabel) setWanted(true);
      }}
      onDropdownOpen={() => setWanted(true)}
      filter={({ options }) => options}
      clearable={clearable}
      required={required}
      error={error}
      disabled={disabled}
      nothingFoundMessage={results.isFetching ? 'Recherche…' : 'Aucun établissement trouvé'}
      maxDropdownHeight={320}
      comboboxProps={{ withinPortal: true }}
      clearButtonProps={{ 'aria-label': `Effacer : ${label}` }}
    />
  );
}
