import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiClient, call } from '../../api/client';
import { campagnesKey } from './queries';

export interface Account {
  id: string;
  displayName: string;
}

interface Props {
  campaignId: string;
  label: string;
  description?: string;
  /** The accounts chosen, with their names (the search finds the others). */
  value: Account[];
  onChange: (accounts: Account[]) => void;
  error?: string;
  max?: number;
  required?: boolean;
}

/**
 * Chooses people with an account at the authority (families aside), found by name or address on
 * the server, 20 at a time: the experts asked for an opinion, the members of an instructor group.
 */
export function AccountsPicker({ campaignId, label, description, value, onChange, error, max, required }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const found = useQuery({
    queryKey: campagnesKey('experts', campaignId, debounced),
    enabled: debounced.length >= 2,
    queryFn: ({ signal }) => call(apiClient.GET('/api/campaigns/{campaign}/expert-candidates', { params: { path: { campaign: campaignId }, query: { search: debounced } }, signal })),
    placeholderData: keepPreviousData,
  });
  const known = useMemo(() => {
    const all = new Map(value.map((a) => [a.id, a.displayName]));
    for (const u of found.data?.items ?? []) if (!all.has(u.id)) all.set(u.id, `${u.displayName} (${u.email})`);
    return all;
  }, [value, found.data]);
  return (
    <MultiSelect
      label={label}
      description={description}
      placeholder={value.length ? undefined : 'Nom ou adresse'}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={[...known].map(([id, name]) => ({ value: id, label: name }))}
      value={value.map((a) => a.id)}
      onChange={(ids) => {
        onChange(ids.map((id) => ({ id, displayName: (known.get(id) ?? id).replace(/ \([^)]*@[^)]*\)$/, '') })));
        setSearch('');
      }}
      maxValues={max}
      error={error}
      required={required}
      nothingFoundMessage={debounced.length >= 2 ? (found.isFetching ? 'Recherche…' : 'Personne ne correspond.') : 'Tapez au moins 2 lettres.'}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
