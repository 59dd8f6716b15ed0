import { Alert, Button, Grid, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconPhoneCall } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { PageHeader } from '../../../ui/PageHeader';
import { ActionError, CategorySelect, ImpactSelect, issueFor, localDateTimeValue, TypeRadio, UrgencySelect } from './fields';
import { useCategories, useCreateTicket } from './queries';
import { SchoolPicker } from './SchoolPicker';
import type { TicketDetail } from './types';

export function HotlinePage() {
  return (
    <Guard permission="ticket.handle">
      <HotlineForm />
    </Guard>
  );
}

interface CallFields {
  callerName: string;
  phone: string;
  email: string;
  uai: string | null;
  openedAt: string;
  category: string;
  type: 'incident' | 'request';
  urgency: number;
  impact: number;
  summary: string;
}

const blank = (): CallFields => ({
  callerName: '',
  phone: '',
  email: '',
  uai: null,
  openedAt: localDateTimeValue(new Date()),
  category: '',
  type: 'incident',
  urgency: 3,
  impact: 3,
  summary: '',
});

/** A call may be logged a little later, never ahead: one minute of slack for a clock read at the start of the call. */
const futureSlackMs = 60_000;

/**
 * The hotline's quick entry: one call after another from the keyboard. Enter in any text field
 * records the call; the form empties and the caller's name field takes the focus for the next one.
 */
function HotlineForm() {
  const categories = useCategories();
  const create = useCreateTicket();
  const [fields, setFields] = useState<CallFields>(blank);
  const [errors, setErrors] = useState<Partial<Record<keyof CallFields, string>>>({});
  const [last, setLast] = useState<TicketDetail | null>(null);
  const [count, setCount] = useState(0);
  const firstField = useRef<HTMLInputElement>(null);
  const set = <K extends keyof CallFields>(key: K, value: CallFields[K]) => setFields((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!fields.callerName.trim()) found.callerName = 'Indiquez le nom de l’appelant.';
    if (!fields.uai) found.uai = 'Choisissez l’établissement (UAI ou nom).';
    if (fields.summary.trim().length < 3) found.summary = 'Décrivez l’appel en 3 caractères au moins.';
    const openedAt = fields.openedAt ? new Date(fields.openedAt) : null;
    if (!openedAt || Number.isNaN(openedAt.getTime())) found.openedAt = 'Indiquez la date et l’heure de l’appel.';
    else if (openedAt.getTime() > Date.now() + futureSlackMs) found.openedAt = 'L’heure de l’appel ne peut pas être dans le futur.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const summary = fields.summary.trim();
    const contact = [fields.phone.trim(), fields.email.trim()].filter(Boolean).join(' · ');
    // a call logged within the minute keeps the server's own clock: no drift between two machines
    const backdated = Date.now() - openedAt!.getTime() > futureSlackMs;
    try {
      const created = await create.mutateAsync({
        uai: fields.uai!,
        title: summary.length > 200 ? `${summary.slice(0, 199)}…` : summary,
        description: summary,
        type: fields.type,
        urgency: fields.urgency,
        impact: fields.impact,
        category: fields.category || null,
        channel: 'phone',
        openedAt: backdated ? openedAt!.toISOString() : undefined,
        requester: { name: fields.callerName.trim(), contact: contact || undefined },
      });
      setLast(created);
      setCount((c) => c + 1);
      setFields(blank());
      create.reset();
      firstField.current?.focus();
    } catch {
      // shown by ActionError, the fields stay as typed
    }
  };

  return (
    <>
      <PageHeader
        title="Appel hotline"
        subtitle="Saisie rapide d’un appel : Entrée enregistre, le formulaire se vide pour l’appel suivant."
        crumbs={[{ label: 'Guichet', to: '/guichet' }]}
      />
      <Stack gap="md" maw={1100}>
        <div role="status" aria-live="polite">
          {last && (
            <Alert color="teal" icon={<IconCircleCheck aria-hidden />} title="Dernier appel enregistré">
              <AnchorLink to="/guichet/$ticketId" params={{ ticketId: last.id }} fw={600}>
                Ticket n° {last.number}
              </AnchorLink>{' '}
              — {last.establishment.name} — priorité {last.priorityLabel.toLowerCase()}, {last.assignedTeam?.name ?? 'équipe de tri'}.{' '}
              <Text span size="sm" c="dimmed">
                ({count} appel{count > 1 ? 's' : ''} saisi{count > 1 ? 's' : ''} depuis l’ouverture de la page)
              </Text>
            </Alert>
          )}
        </div>
        <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
          <form onSubmit={(e) => void submit(e)} noValidate aria-label="Nouvel appel">
            <Grid gutter="sm">
              <Grid.Col span={{ base: 12, md: 4 }}>
                <TextInput
                  ref={firstField}
                  label="Nom de l’appelant"
                  value={fields.callerName}
                  onChange={(e) => set('callerName', e.currentTarget.value)}
                  autoFocus
                  required
                  maxLength={200}
                  autoComplete="off"
                  error={errors.callerName || issueFor(create.error, 'requester')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <TextInput label="Téléphone" type="tel" value={fields.phone} onChange={(e) => set('phone', e.currentTarget.value)} maxLength={40} autoComplete="off" />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <TextInput label="Courriel" type="email" value={fields.email} onChange={(e) => set('email', e.currentTarget.value)} maxLength={150} autoComplete="off" />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 8 }}>
                <SchoolPicker
                  label="Établissement"
                  value={fields.uai}
                  onChange={(uai) => set('uai', uai)}
                  required
                  error={errors.uai || issueFor(create.error, 'uai')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <TextInput
                  label="Appel reçu le"
                  description="Maintenant par défaut ; plus tôt pour un appel saisi après coup"
                  type="datetime-local"
                  value={fields.openedAt}
                  max={localDateTimeValue(new Date(Date.now() + futureSlackMs))}
                  onChange={(e) => set('openedAt', e.currentTarget.value)}
                  required
                  error={errors.openedAt || issueFor(create.error, 'openedAt')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <CategorySelect categories={categories.data?.items} value={fields.category} onChange={(v) => set('category', v)} error={issueFor(create.error, 'category')} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <UrgencySelect value={fields.urgency} onChange={(v) => set('urgency', v)} description="Pour l’appelant" />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <ImpactSelect value={fields.impact} onChange={(v) => set('impact', v)} description="Personnes touchées" />
              </Grid.Col>
              <Grid.Col span={12}>
                <TypeRadio value={fields.type} onChange={(v) => set('type', v)} />
              </Grid.Col>
              <Grid.Col span={12}>
                <TextInput
                  label="Description courte"
                  description="Ce que dit l’appelant ; Entrée enregistre l’appel"
                  value={fields.summary}
                  onChange={(e) => set('summary', e.currentTarget.value)}
                  required
                  maxLength={2000}
                  autoComplete="off"
                  error={errors.summary || issueFor(create.error, 'title', 'description')}
                />
              </Grid.Col>
            </Grid>
            <Stack gap="sm" mt="md">
              <ActionError error={create.error} />
              <Group justify="flex-end">
                <Button type="submit" leftSection={<IconPhoneCall size={18} aria-hidden />} loading={create.isPending}>
                  Enregistrer l’appel
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </>
  );
}
