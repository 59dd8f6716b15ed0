import { Group, NativeSelect, Pagination, Text } from '@mantine/core';
import { formatNumber } from '../labels';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  noun: string;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
  sizes?: readonly number[];
  /** `total` is only a lower bound (a search counted up to a cap): « sur plus de 1 000 », and pages on while there is a next one. */
  totalIsLowerBound?: boolean;
  hasNext?: boolean;
}

/** Server-side pagination: "1–25 sur 312", page buttons labelled in French, optional page size. */
export function TablePagination({ page, pageSize, total, noun, onPage, onPageSize, sizes, totalIsLowerBound = false, hasNext = false }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize), totalIsLowerBound ? page + (hasNext ? 1 : 0) : 0);
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = totalIsLowerBound ? page * pageSize : Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed">
        {total === 0 ? `Aucun ${noun}` : `${formatNumber(from)}–${formatNumber(to)} sur ${totalIsLowerBound ? 'plus de ' : ''}${formatNumber(total)}`}
      </Text>
      <Group gap="md">
        {onPageSize && sizes && (
          <NativeSelect
            aria-label="Lignes par page"
            size="xs"
            data={sizes.map((s) => ({ value: String(s), label: `${s} par page` }))}
            value={String(pageSize)}
            onChange={(e) => onPageSize(Number(e.currentTarget.value))}
          />
        )}
        {pages > 1 && (
          <nav aria-label="Pagination">
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={onPage}
              siblings={1}
              boundaries={1}
              size="sm"
              getItemProps={(p) => ({ 'aria-label': `Page ${p}`, 'aria-current': p === page ? 'page' : undefined })}
              getControlProps={(control) => ({
                'aria-label':
                  control === 'previous' ? 'Page précédente' : control === 'next' ? 'Page suivante' : control === 'first' ? 'Première page' : 'Dernière page',
              })}
            />
          </nav>
        )}
      </Group>
    </Group>
  );
}
