import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, getActiveTenant } from '../../../api';
import { establishmentQuery } from '../../establishments/queries';
import type { Establishment, Page } from '../../establishments/types';

interface Props {
  label: string;
  value: string | null;
  onChange: (uai: string | null) => void;
  required?: boolean;
  error?: string;
}

const optionLabel = (e: { name: string; uai: string }) => `${e.name} (${e.uai})`;

/**
 * The hotline's school field: the caller gives a UAI or a name. The server's search is fuzzy, so a
 * UAI typed in full comes first: ArrowDown then Enter picks it without reading the list.
 */
export function SchoolPicker({ label, value, onChange, required, error }: Props) {
  const [searchValue, setSearchValue] = useState('');
  const [wanted, setWanted] = useState(false);
  const selected = useQuery({ ...establishmentQuery(value ?? ''), enabled: Boolean(value), retry: false });
  const selectedLabel = value ? (selected.data ? optionLabel(selected.data) : value) : '';
  const term = searchValue === selectedLabel ? '' : searchValue.trim();
  const [debounced] = useDebouncedValue(term, 200);
  const results = useQuery({
    queryKey: ['establishments', getActiveTenant(), 'pick', debounced],
    queryFn: ({ signal }) => api<Page<Establishment>>('/establishments', { query: { search: debounced || undefined, pageSize: 30, sort: 'name' }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled: wanted,
  });

  const data = useMemo(() => {
    const typed = debounced.toUpperCase();
    const items = [...(results.data?.items ?? [])].sort((a, b) => Number(b.uai === typed) - Number(a.uai === typed));
    const options = items.map((e) => ({ value: e.uai, label: optionLabel(e) }));
    if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: selectedLabel });
    return options;
  }, [results.data, value, selectedLabel, debounced]);

  return (
    <Select
      label={label}
      placeholder="UAI ou nom"
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
      clearable
      required={required}
      error={error}
      nothingFoundMessage={results.isFetching ? 'Recherche…' : 'Aucun établissement trouvé'}
      maxDropdownHeight={320}
      comboboxProps={{ withinPortal: true }}
      clearButtonProps={{ 'aria-label': `Effacer : ${label}` }}
    />
  );
}
