import { Button, Group, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { formatNumber } from '../../labels';
import { useCan } from '../../session/session';
import { Guard } from '../../ui/Guard';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { Section } from '../../ui/Section';
import { buildTree, useUnits } from './queries';
import { UnitForm } from './UnitForm';
import { UnitTree } from './UnitTree';

export function UnitsPage() {
  return (
    <Guard permission="unit.read">
      <Units />
    </Guard>
  );
}

function Units() {
  const units = useUnits();
  const canManage = useCan('unit.manage');
  const [adding, setAdding] = useState(false);
  const tree = units.data ? buildTree(units.data.items) : [];
  const attached = tree.reduce((s, n) => s + n.totalCount, 0);

  return (
    <>
      <PageHeader
        title="Unités territoriales"
        subtitle="Agences, secteurs et zones locales qui regroupent les établissements pour le support."
        actions={
          canManage && !adding && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setAdding(true)}>
              Ajouter une agence
            </Button>
          )
        }
      />
      {units.error ? (
        <QueryError error={units.error} retry={() => void units.refetch()} />
      ) : !units.data ? (
        <Loading />
      ) : (
        <Section title={`${tree.length} agence${tree.length > 1 ? 's' : ''} — ${formatNumber(attached)} établissements rattachés`} id="arbre">
          {adding && (
            <Group mb="md">
              <UnitForm kind="agency" parentId={null} onDone={() => setAdding(false)} />
            </Group>
          )}
          {tree.length === 0 ? <Text c="dimmed">Aucune unité territoriale n’est encore définie.</Text> : <UnitTree nodes={tree} canManage={canManage} />}
        </Section>
      )}
    </>
  );
}
