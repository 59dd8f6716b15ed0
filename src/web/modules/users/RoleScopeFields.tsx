import { MultiSelect, NativeSelect, Select, SimpleGrid } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { unitOptions, useUnits } from '../units/queries';
import { useEstablishmentSearch, useRoleOptions } from './queries';
import type { RoleScope } from './types';

const unitRoles = new Set(['technician', 'contractor', 'academy-staff']);

/** Role, organization and scope: a school for school staff, units (and a level) for technicians. */
export function RoleScopeFields(props: { value: RoleScope; onChange: (v: RoleScope) => void; withStaffFields?: boolean; errors?: Record<string, string> }) {
  const { value, onChange, errors = {} } = props;
  const options = useRoleOptions();
  const units = useUnits();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const found = useEstablishmentSearch(debounced);
  const set = (changes: Partial<RoleScope>) => onChange({ ...value, ...changes });
  const withStaff = props.withStaffFields !== false;

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <NativeSelect
        label="Rôle"
        required
        data={[{ value: '', label: 'Choisir un rôle' }, ...(options.data?.roles ?? [])]}
        value={value.role}
        onChange={(e) => set({ role: e.currentTarget.value as RoleScope['role'], level: e.currentTarget.value === 'technician' ? (value.level ?? 1) : null })}
        error={errors.role}
      />
      <NativeSelect
        label="Pour l’organisation"
        description="La collectivité ou l’un de ses partenaires"
        data={(options.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }))}
        value={value.organizationId ?? options.data?.organizations[0]?.id ?? ''}
        onChange={(e) => set({ organizationId: e.currentTarget.value })}
        error={errors.organizationId}
      />
      {(value.role === 'establishment-staff' || value.role === 'contractor') && (
        <Select
          label="Établissement"
          description="Tapez au moins 2 caractères du nom, de la commune ou de l’UAI"
          searchable
          clearable
          searchValue={search}
          onSearchChange={setSearch}
          data={(found.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} — ${e.communeName ?? ''} (${e.uai})` }))}
          value={value.establishmentId ?? null}
          onChange={(id) => set({ establishmentId: id })}
          nothingFoundMessage={debounced.length >= 2 ? 'Aucun établissement trouvé' : undefined}
          filter={({ options: o }) => o}
          required={value.role === 'establishment-staff'}
          error={errors.establishmentId}
        />
      )}
      {value.role === 'establishment-staff' && withStaff && (
        <NativeSelect
          label="Fonction"
          data={[{ value: '', label: 'Non précisée' }, ...(options.data?.staffFunctions ?? [])]}
          value={value.staffFunction ?? ''}
          onChange={(e) => set({ staffFunction: (e.currentTarget.value || null) as RoleScope['staffFunction'] })}
        />
      )}
      {unitRoles.has(value.role) && (
        <MultiSelect
          label="Unités territoriales couvertes"
          description="Les établissements des unités choisies et de leurs sous-unités"
          data={units.data ? unitOptions(units.data.items) : []}
          value={value.unitIds}
          onChange={(unitIds) => set({ unitIds })}
          searchable
          required={value.role === 'technician'}
          error={errors.unitIds}
        />
      )}
      {value.role === 'technician' && withStaff && (
        <NativeSelect
          label="Niveau de support"
          data={[0, 1, 2, 3].map((l) => ({ value: String(l), label: `Niveau ${l}` }))}
          value={String(value.level ?? 1)}
          onChange={(e) => set({ level: Number(e.currentTarget.value) })}
          error={errors.level}
        />
      )}
    </SimpleGrid>
  );
}

/** The body to send: only the fields that fit the role. */
export function scopeBody(v: RoleScope, organizations: { id: string }[] | undefined) {
  return {
    // no role chosen: sent as is, the server refuses it on the role field
    role: v.role as Exclude<RoleScope['role'], ''>,
    organizationId: v.organizationId ?? organizations?.[0]?.id,
    establishmentId: v.role === 'establishment-staff' || v.role === 'contractor' ? (v.establishmentId ?? null) : null,
    staffFunction: v.role === 'establishment-staff' ? (v.staffFunction ?? null) : null,
    unitIds: unitRoles.has(v.role) ? v.unitIds : [],
    level: v.role === 'technician' ? (v.level ?? 1) : null,
  };
}
