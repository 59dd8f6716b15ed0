import { List, Text } from '@mantine/core';
import { fieldLabels } from '../labels';

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return 'vide';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (Array.isArray(v)) return v.length ? v.join(', ') : 'vide';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** "Nom : ancien → nouveau" for each field an audit event touched. */
export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !['version', 'updatedAt', 'searchText', 'id', 'tenantId'].includes(k));
  if (keys.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  // A creation or an import lists every field: fold it away behind a summary.
  const onlyOneSide = Object.keys(b).length === 0 || Object.keys(a).length === 0;
  if (onlyOneSide && keys.length > 3) {
    return (
      <details>
        <summary style={{ cursor: 'pointer' }}>
          <Text span size="sm">{Object.keys(b).length === 0 ? 'Valeurs enregistrées' : 'Valeurs supprimées'} ({keys.length} champs)</Text>
        </summary>
        <FieldList keys={keys} b={b} a={a} />
      </details>
    );
  }
  return <FieldList keys={keys} b={b} a={a} />;
}

function FieldList({ keys, b, a }: { keys: string[]; b: Record<string, unknown>; a: Record<string, unknown> }) {
  return (
    <List size="sm" spacing={2} listStyleType="none" p={0}>
      {keys.slice(0, 30).map((k) => (
        <List.Item key={k}>
          <Text span fw={600} size="sm">{fieldLabels[k] ?? k}</Text>
          {' : '}
          {k in b && k in a ? (
            <>
              <Text span size="sm" td="line-through" c="dimmed">{show(b[k])}</Text>
              {' → '}
              <Text span size="sm">{show(a[k])}</Text>
            </>
          ) : (
            <Text span size="sm">{show(k in a ? a[k] : b[k])}</Text>
          )}
        </List.Item>
      ))}
      {keys.length > 30 && <List.Item><Text span size="sm" c="dimmed">… et {keys.length - 30} autres champs</Text></List.Item>}
    </List>
  );
}
