import { useQuery } from '@tanstack/react-query';
import { apiClient, call, getActiveTenant } from '../../api/client';
import type { ItemOf, ResponseOf } from '../../api/types';
import { unitKindLabels } from '../../labels';

/** A territorial unit as GET /api/units lists it (generated contract). */
export type UnitItem = ItemOf<ResponseOf<'/api/units'>['items']>;

export interface UnitNode extends UnitItem {
  children: UnitNode[];
  /** Establishments of the unit and all its descendants. */
  totalCount: number;
}

export function useUnits(enabled = true) {
  return useQuery({
    queryKey: ['units', getActiveTenant()],
    queryFn: ({ signal }) => call(apiClient.GET('/api/units', { signal })),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function buildTree(items: UnitItem[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(items.map((u) => [u.id, { ...u, children: [], totalCount: 0 }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const finish = (list: UnitNode[]): number => {
    list.sort((a, b) => a.code.localeCompare(b.code, 'fr', { numeric: true }));
    let sum = 0;
    for (const n of list) {
      n.totalCount = n.establishmentCount + finish(n.children);
      sum += n.totalCount;
    }
    return sum;
  };
  finish(roots);
  return roots;
}

/** Options for a unit picker: "Agence Nord › Secteur 1 › Zone 2", in tree order. */
export function unitOptions(items: UnitItem[]): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  const walk = (list: UnitNode[], path: string[]) => {
    for (const n of list) {
      const label = [...path, n.name].join(' › ');
      out.push({ value: n.id, label: `${label} (${unitKindLabels[n.kind]?.toLowerCase() ?? n.kind})` });
      walk(n.children, [...path, n.name]);
    }
  };
  walk(buildTree(items), []);
  return out;
}
