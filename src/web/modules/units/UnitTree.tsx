import { ActionIcon, Anchor, Badge, Group, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { formatNumber, unitKindLabels } from '../../labels';
import type { UnitNode } from './queries';
import { UnitForm } from './UnitForm';
import { AnchorLink } from '../../ui/links';

const childKind: Record<string, 'sector' | 'zone' | undefined> = { agency: 'sector', sector: 'zone' };
const kindColor: Record<string, string> = { agency: 'coherence', sector: 'teal', zone: 'gray' };

/** Nested lists (ul/li) with expand buttons: the structure is readable without scripts or colour. */
export function UnitTree({ nodes, canManage, depth = 0 }: { nodes: UnitNode[]; canManage: boolean; depth?: number }) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, paddingLeft: depth ? 28 : 0 }}>
      {nodes.map((n) => (
        <UnitItem key={n.id} node={n} canManage={canManage} depth={depth} />
      ))}
    </ul>
  );
}

function UnitItem({ node, canManage, depth }: { node: UnitNode; canManage: boolean; depth: number }) {
  const [open, setOpen] = useState(depth < 1);
  const [mode, setMode] = useState<'view' | 'rename' | 'add'>('view');
  const child = childKind[node.kind];
  return (
    <li style={{ borderLeft: depth ? '2px solid var(--mantine-color-gray-3)' : undefined, paddingLeft: depth ? 8 : 0, marginBottom: 6 }}>
      <Group gap="xs" wrap="wrap" py={4}>
        {node.children.length > 0 ? (
          <ActionIcon variant="subtle" color="gray.8" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-label={`${open ? 'Replier' : 'Déplier'} ${node.name}`}>
            {open ? <IconChevronDown size={18} aria-hidden /> : <IconChevronRight size={18} aria-hidden />}
          </ActionIcon>
        ) : (
          <span style={{ width: 28 }} />
        )}
        <Badge variant="light" color={kindColor[node.kind]} radius="sm">{unitKindLabels[node.kind] ?? node.kind}</Badge>
        <Text fw={600}>{node.name}</Text>
        <Text size="sm" c="dimmed" ff="monospace">{node.code}</Text>
        {node.establishmentCount > 0 ? (
          <AnchorLink to="/etablissements" search={{ unitId: node.id }} size="sm">
            {formatNumber(node.establishmentCount)} établissement{node.establishmentCount > 1 ? 's' : ''}
          </AnchorLink>
        ) : (
          <Text size="sm" c="dimmed">
            {formatNumber(node.totalCount)} établissement{node.totalCount > 1 ? 's' : ''}
            {node.children.length > 0 ? ' au total' : ''}
          </Text>
        )}
        {canManage && mode === 'view' && (
          <Group gap={4}>
            <Anchor component="button" type="button" size="sm" onClick={() => setMode('rename')}>
              Renommer<span className="visually-hidden"> {node.name}</span>
            </Anchor>
            {child && (
              <Anchor component="button" type="button" size="sm" onClick={() => { setMode('add'); setOpen(true); }}>
                · Ajouter {child === 'sector' ? 'un secteur' : 'une zone'}<span className="visually-hidden"> dans {node.name}</span>
              </Anchor>
            )}
          </Group>
        )}
      </Group>
      {mode === 'rename' && <UnitForm kind={node.kind as 'agency'} parentId={node.parentId} unit={node} onDone={() => setMode('view')} />}
      {mode === 'add' && child && <UnitForm kind={child} parentId={node.id} onDone={() => setMode('view')} />}
      {open && node.children.length > 0 && <UnitTree nodes={node.children} canManage={canManage} depth={depth + 1} />}
    </li>
  );
}
