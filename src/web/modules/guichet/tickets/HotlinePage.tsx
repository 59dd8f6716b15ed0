import { Alert, Button, Grid, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconPhoneCall } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { createTicketInput } from '../../../../modules/guichet/operations/create-ticket.input';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { PageHeader } from '../../../ui/PageHeader';
import { ActionError, CategorySelect, ImpactSelect, localDateTimeValue, TypeRadio, UrgencySelect } from './fields';
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

const instantOf = (local: string) => {
  const date = local ? new Date(local) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

/** The ticket a call opens (POST /api/tickets): the summary is its title and description, the caller its requester. */
function callBody(fields: CallFields) {
  const summary = fields.summary.trim();
  const contact = [fields.phone.trim(), fields.email.trim()].filter(Boolean).join(' · ');
  const openedAt = instantOf(fields.openedAt);
  // a call logged within the minute keeps the server's own clock: no drift between two machines
  const backdated = openedAt !== null && Date.now() - openedAt.getTime() > futureSlackMs;
  return {
    uai: fields.uai ?? '',
    title: summary.length > 200 ? `${summary.slice(0, 199)}…` : summary,
    description: summary,
    type: fields.type,
    urgency: fields.urgency,
    impact: fields.impact,
    category: fields.category || null,
    channel: 'phone' as const,
    openedAt: backdated ? openedAt.toISOString() : undefined,
    requester: { name: fields.callerName.trim(), contact: contact || undefined },
  };
}

/** Where the ticket's rules land on this form's fields. */
const fieldOfPath: Record<string, keyof CallFields> = { title: 'summary', description: 'summary', 'requester.name': 'callerName', 'requester.contact': 'phone' };
const ticketRules = schemaValidator(createTicketInput, callBody);

/** The ticket operation's own schema, plus what only a call needs: who called, and when (not ahead). */
function validateCall(fields: CallFields): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(ticketRules(fields))) errors[fieldOfPath[path] ?? path] ??= String(message);
  if (!fields.callerName.trim()) errors.callerName = 'Indiquez le nom de l’appelant.';
  // the title's minimum, in this form's words: the summary is the ticket's title
  if (errors.summary && fields.summary.trim().length < 3) errors.summary = 'Décrivez l’appel en 3 caractères au moins.';
  const openedAt = instantOf(fields.openedAt);
  if (!openedAt) errors.openedAt = 'Indiquez la date et l’heure de l’appel.';
  else if (openedAt.getTime() > Date.now() + futureSlackMs) errors.openedAt = 'L’heure de l’appel ne peut pas être dans le futur.';
  return errors;
}

/**
 * The hotline's quick entry: one call after another from the keyboard. Enter in any text field
 * records the call; the form empties and the caller's name field takes the focus for the next one.
 */
function HotlineForm() {
  const categories = useCategories();
  const create = useCreateTicket();
  const form = useForm<CallFields>({ initialValues: blank(), validate: validateCall });
  const fields = form.values;
  const [last, setLast] = useState<TicketDetail | null>(null);
  const [count, setCount] = useState(0);
  const firstField = useRef<HTMLInputElement>(null);
  const set = <K extends keyof CallFields>(key: K, value: CallFields[K]) => form.setFieldValue(key, value as never);

  const submit = form.onSubmit(async (values) => {
    try {
      const created = await create.mutateAsync(callBody(values));
      setLast(created);
      setCount((c) => c + 1);
      form.setValues(blank());
      create.reset();
      firstField.current?.focus();
    } catch (error) {
      // shown by ActionError, the fields stay as typed; those the server names are marked
      showServerIssues(form, error, fieldOfPath);
    }
  });

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
          <form onSubmit={submit} noValidate aria-label="Nouvel appel">
            <Grid gutter="sm">
              <Grid.Col span={{ base: 12, md: 4 }}>
                <TextInput
                  ref={firstField}
                  label="Nom de l’appelant"
                  {...form.getInputProps('callerName')}
                  autoFocus
                  required
                  maxLength={200}
                  autoComplete="off"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <TextInput label="Téléphone" type="tel" maxLength={40} autoComplete="off" {...form.getInputProps('phone')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <TextInput label="Courriel" type="email" maxLength={150} autoComplete="off" {...form.getInputProps('email')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 8 }}>
                <SchoolPicker
                  label="Établissement"
                  value={fields.uai}
                  onChange={(uai) => set('uai', uai)}
                  required
                  error={form.errors.uai as string | undefined}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <TextInput
                  label="Appel reçu le"
                  description="Maintenant par défaut ; plus tôt pour un appel saisi après coup"
                  type="datetime-local"
                  max={localDateTimeValue(new Date(Date.now() + futureSlackMs))}
                  required
                  {...form.getInputProps('openedAt')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <CategorySelect categories={categories.data?.items} value={fields.category} onChange={(v) => set('category', v)} error={form.errors.category as string | undefined} />
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
                  required
                  maxLength={2000}
                  autoComplete="off"
                  {...form.getInputProps('summary')}
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
