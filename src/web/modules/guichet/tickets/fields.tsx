import { Alert, Group, List, NativeSelect, Radio } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../../../api/client';
import { impactLabels, urgencyLabels } from './labels';
import type { TicketCategory } from './types';

/** Form parts shared by the web form, the hotline entry and the ticket page's qualification. */

const levels = [1, 2, 3, 4, 5];

export function UrgencySelect(props: { value: number; onChange: (v: number) => void; description?: string }) {
  return (
    <NativeSelect
      label="Urgence"
      description={props.description ?? 'À quel point est-ce pressé ?'}
      data={levels.map((l) => ({ value: String(l), label: `${l} — ${urgencyLabels[l]}` }))}
      value={String(props.value)}
      onChange={(e) => props.onChange(Number(e.currentTarget.value))}
    />
  );
}

export function ImpactSelect(props: { value: number; onChange: (v: number) => void; description?: string }) {
  return (
    <NativeSelect
      label="Impact"
      description={props.description ?? 'Combien de personnes ou de cours sont touchés ?'}
      data={levels.map((l) => ({ value: String(l), label: `${l} — ${impactLabels[l]}` }))}
      value={String(props.value)}
      onChange={(e) => props.onChange(Number(e.currentTarget.value))}
    />
  );
}

export function CategorySelect(props: { categories: TicketCategory[] | undefined; value: string; onChange: (v: string) => void; allowNone?: boolean; error?: string }) {
  const data = [
    ...(props.allowNone !== false ? [{ value: '', label: 'Je ne sais pas (le guichet la choisira)' }] : []),
    ...(props.categories ?? []).map((c) => ({ value: c.key, label: c.responsibleOrganization.name ? `${c.label} — ${c.responsibleOrganization.name}` : c.label })),
  ];
  return (
    <NativeSelect
      label="Catégorie"
      description="Le domaine décide de l’organisation responsable (collectivité ou Académie)"
      data={data}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
    />
  );
}

export function TypeRadio(props: { value: 'incident' | 'request'; onChange: (v: 'incident' | 'request') => void }) {
  return (
    <Radio.Group label="Type" value={props.value} onChange={(v) => props.onChange(v as 'incident' | 'request')} withAsterisk>
      <Group mt={6} gap="lg">
        <Radio value="incident" label="Incident (quelque chose ne marche pas)" />
        <Radio value="request" label="Demande (un besoin, une installation)" />
      </Group>
    </Radio.Group>
  );
}

/** A field's error from the server's 400 issues (path « openedAt », « requester.name »…). */
export function issueFor(error: unknown, ...paths: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.issues.find((i) => paths.some((p) => i.path === p || i.path.startsWith(`${p}.`)))?.message;
}

const titles: Record<number, string> = {
  400: 'Certains champs sont à corriger',
  403: 'Action non autorisée',
  404: 'Ticket introuvable',
  409: 'Le ticket a changé entre-temps',
  413: 'Fichier trop volumineux',
  415: 'Type de fichier refusé',
};

/** A failed change, in French: the server's message, its field issues, and for 409 what to do. */
export function ActionError({ error }: { error: unknown }) {
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={titles[status] ?? 'Action impossible'} role="alert">
      {errorMessage(error)}
      {issues.length > 0 && (
        <List size="sm" mt={4}>
          {issues.map((i) => (
            <List.Item key={`${i.path}:${i.message}`}>{i.message}</List.Item>
          ))}
        </List>
      )}
      {status === 409 && ' La page affiche maintenant la dernière version : vérifiez-la puis recommencez.'}
    </Alert>
  );
}

/** « 2026-03-06T16:05 » for an <input type="datetime-local">, in the browser's time zone. */
export function localDateTimeValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
