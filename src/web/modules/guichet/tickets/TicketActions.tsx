import { Button, Checkbox, Grid, Group, NativeSelect, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { changeTicketStatusInput, escalateTicketInput, setProblemFlagInput } from '../../../../modules/guichet/operations/ticket-actions.input';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { useMe } from '../../../session/session';
import { Section } from '../../../ui/Section';
import { ActionError, CategorySelect, ImpactSelect, localDateTimeValue, UrgencySelect } from './fields';
import { levelLabels } from './labels';
import { useAssignees, useCategories, useOpenMajorIncidents, useTeams, useTicketAction, type TicketAction } from './queries';
import type { TicketDetail } from './types';

type Panel = 'team' | 'plan' | 'wait' | 'solve' | 'reopen' | 'qualify' | 'escalate' | 'major' | 'problem';

const openStatus = (status: string) => status !== 'solved' && status !== 'closed';

/**
 * What the desk does with a ticket, each action shown only when the ticket's permissions (computed
 * by the server for this person) allow it. A 409 reloads the ticket: the page shows its new version.
 */
export function TicketActions({ ticket }: { ticket: TicketDetail }) {
  const me = useMe();
  const action = useTicketAction(ticket.id);
  const [panel, setPanel] = useState<Panel | null>(null);
  const p = ticket.permissions;
  const open = openStatus(ticket.status);
  const waiting = ticket.status === 'waiting-requester' || ticket.status === 'waiting-third-party';

  // another panel, or a change that went through: forget the last error
  useEffect(() => action.reset(), [panel]); // a new panel forgets the last action's error, not each render

  /** null when the change went through, the refusal otherwise (shown by ActionError; on 409 the ticket is read again, see useTicketAction). */
  const run = async (call: TicketAction): Promise<unknown> => {
    try {
      await action.mutateAsync(call);
      setPanel(null);
      return null;
    } catch (error) {
      return error;
    }
  };
  const version = ticket.version;
  const toggle = (next: Panel) => setPanel((current) => (current === next ? null : next));

  if (!p.handle && !p.close && !(p.reopen && !p.approve)) return null;

  return (
    <Section title="Actions du guichet" id="actions">
      <Stack gap="sm">
        <Group gap="xs">
          {p.handle && open && ticket.assignedUserId !== me.user.id && (
            <Button onClick={() => void run({ path: 'status', body: { action: 'assign', version } })} loading={action.isPending && !panel}>
              Prendre en charge
            </Button>
          )}
          {p.handle && open && (
            <>
              <PanelButton panel="team" current={panel} onClick={toggle}>
                Attribuer
              </PanelButton>
              <PanelButton panel="plan" current={panel} onClick={toggle}>
                Planifier
              </PanelButton>
              {waiting ? (
                <Button variant="default" onClick={() => void run({ path: 'status', body: { action: 'start', version } })}>
                  Reprendre
                </Button>
              ) : (
                ticket.status !== 'in-progress' && (
                  <Button variant="default" onClick={() => void run({ path: 'status', body: { action: 'start', version } })}>
                    Démarrer
                  </Button>
                )
              )}
              {!waiting && (
                <PanelButton panel="wait" current={panel} onClick={toggle}>
                  Mettre en attente
                </PanelButton>
              )}
              <PanelButton panel="solve" current={panel} onClick={toggle} primary>
                Résoudre
              </PanelButton>
              <PanelButton panel="qualify" current={panel} onClick={toggle}>
                Qualifier
              </PanelButton>
              <PanelButton panel="escalate" current={panel} onClick={toggle}>
                Escalader ou désescalader
              </PanelButton>
              <PanelButton panel="major" current={panel} onClick={toggle}>
                Incident majeur
              </PanelButton>
            </>
          )}
          {p.handle && (
            <PanelButton panel="problem" current={panel} onClick={toggle}>
              {ticket.problemFlag ? 'Retirer le signalement de problème' : 'Signaler un problème'}
            </PanelButton>
          )}
          {p.close && (
            <Button variant="default" onClick={() => void run({ path: 'status', body: { action: 'close', version } })}>
              Clore
            </Button>
          )}
          {p.reopen && !p.approve && (
            <PanelButton panel="reopen" current={panel} onClick={toggle}>
              Rouvrir
            </PanelButton>
          )}
        </Group>
        {!panel && <ActionError error={action.error} />}
        {panel && (
          <Paper withBorder p="md" radius="md" bg="var(--mantine-color-gray-0)">
            {panel === 'team' && <TeamPanel ticket={ticket} run={run} />}
            {panel === 'plan' && <PlanPanel ticket={ticket} run={run} />}
            {panel === 'wait' && <WaitPanel ticket={ticket} run={run} />}
            {panel === 'solve' && <SolvePanel ticket={ticket} run={run} />}
            {panel === 'reopen' && (
              <ReasonPanel title="Rouvrir le ticket" label="Motif de la réouverture" submit="Rouvrir" schema={changeTicketStatusInput} call={(reason) => ({ path: 'status', body: { action: 'reopen', version, reason } })} run={run} />
            )}
            {panel === 'qualify' && <QualifyPanel ticket={ticket} run={run} />}
            {panel === 'escalate' && <EscalatePanel ticket={ticket} run={run} />}
            {panel === 'major' && <MajorPanel ticket={ticket} run={run} />}
            {panel === 'problem' && (
              <ReasonPanel
                title={ticket.problemFlag ? 'Retirer le signalement de problème' : 'Signaler comme problème à investiguer'}
                label="Motif"
                submit={ticket.problemFlag ? 'Retirer le signalement' : 'Signaler'}
                schema={setProblemFlagInput}
                call={(reason) => ({ path: 'problem', body: { version, flagged: !ticket.problemFlag, reason } })}
                run={run}
              />
            )}
            <Stack mt="sm" gap="xs">
              <ActionError error={action.error} />
              <Group justify="flex-end">
                <Button variant="subtle" onClick={() => setPanel(null)}>
                  Annuler
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
      </Stack>
    </Section>
  );
}

function PanelButton(props: { panel: Panel; current: Panel | null; onClick: (p: Panel) => void; children: ReactNode; primary?: boolean }) {
  const active = props.current === props.panel;
  return (
    <Button variant={active ? 'filled' : props.primary ? 'light' : 'default'} aria-expanded={active} onClick={() => props.onClick(props.panel)}>
      {props.children}
    </Button>
  );
}

type Run = (call: TicketAction) => Promise<unknown>;

function PanelForm(props: { title: string; onSubmit: (event?: FormEvent<HTMLFormElement>) => void; children: ReactNode; submit: string }) {
  return (
    <form aria-label={props.title} onSubmit={props.onSubmit} noValidate>
      <Title order={3} size="h5" mb="sm">
        {props.title}
      </Title>
      <Stack gap="sm">
        {props.children}
        <Group justify="flex-end">
          <Button type="submit">{props.submit}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A panel's form checked by the route's own schema on the body it would send; the server's
 * field issues come back on the same fields.
 */
function usePanelForm<Values extends Record<string, unknown>>(initialValues: Values, schema: z.ZodType, bodyOf: (values: Values) => TicketAction['body'], extra?: (values: Values) => Partial<Record<string, string>>) {
  const check = schemaValidator(schema, bodyOf);
  return useForm<Values>({ initialValues, validate: (values) => ({ ...check(values), ...extra?.(values) }) });
}

/** Runs the action; a refusal's field issues go on the panel's fields. */
const sent = <Values,>(run: Run, form: UseFormReturnType<Values>) => async (call: TicketAction) => {
  const error = await run(call);
  if (error) showServerIssues(form, error);
};

function TeamPanel({ ticket, run }: { ticket: TicketDetail; run: Run }) {
  const teams = useTeams(true);
  const people = useAssignees(true);
  const bodyOf = (v: { teamId: string; assigneeId: string }) => ({ action: 'assign' as const, version: ticket.version, ...(v.teamId ? { teamId: v.teamId } : {}), ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}) });
  // without either the server would give the ticket to the caller: here « Attribuer » means someone else
  const form = usePanelForm({ teamId: '', assigneeId: '' }, changeTicketStatusInput, bodyOf, (v) => (v.teamId || v.assigneeId ? {} : { teamId: 'Choisissez une équipe ou une personne.' }));
  const teamData = [
    { value: '', label: ticket.assignedTeam ? `Garder : ${ticket.assignedTeam.name}` : 'Choisir une équipe' },
    ...(teams.data?.items ?? []).filter((t) => t.id !== ticket.assignedTeam?.id).map((t) => ({ value: t.id, label: `${t.name} — ${levelLabels[t.level] ?? `niveau ${t.level}`}` })),
  ];
  const peopleData = [
    { value: '', label: 'Personne en particulier' },
    ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: [p.displayName, p.organizationName, p.roleLabels.join(', ')].filter(Boolean).join(' — ') })),
  ];
  return (
    <PanelForm title="Attribuer à une équipe ou à une personne" submit="Attribuer" onSubmit={form.onSubmit((v) => sent(run, form)({ path: 'status', body: bodyOf(v) }))}>
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <NativeSelect label="Équipe" data={teamData} {...form.getInputProps('teamId')} autoFocus />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <NativeSelect label="Personne" description="Du guichet de la collectivité, de l’Académie ou d’un prestataire" data={peopleData} {...form.getInputProps('assigneeId')} />
        </Grid.Col>
      </Grid>
    </PanelForm>
  );
}

function PlanPanel({ ticket, run }: { ticket: TicketDetail; run: Run }) {
  const instant = (local: string) => {
    const date = new Date(local);
    return local && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
  };
  const bodyOf = (v: { plannedFor: string }) => ({ action: 'plan' as const, version: ticket.version, plannedFor: instant(v.plannedFor) });
  const form = usePanelForm({ plannedFor: localDateTimeValue(new Date(Date.now() + 86_400_000)) }, changeTicketStatusInput, bodyOf);
  return (
    <PanelForm title="Planifier l’intervention" submit="Planifier" onSubmit={form.onSubmit((v) => sent(run, form)({ path: 'status', body: bodyOf(v) }))}>
      <TextInput label="Intervention prévue le" type="datetime-local" {...form.getInputProps('plannedFor')} autoFocus />
    </PanelForm>
  );
}

function WaitPanel({ ticket, run }: { ticket: TicketDetail; run: Run }) {
  const bodyOf = (v: { on: string; message: string }) => ({ action: 'wait' as const, version: ticket.version, on: v.on as 'requester' | 'third-party', message: v.message.trim() });
  const form = usePanelForm({ on: 'requester', message: '' }, changeTicketStatusInput, bodyOf);
  const on = form.values.on;
  return (
    <PanelForm title="Mettre en attente" submit="Mettre en attente" onSubmit={form.onSubmit((v) => sent(run, form)({ path: 'status', body: bodyOf(v) }))}>
      <Radio.Group label="En attente de" {...form.getInputProps('on')}>
        <Group mt={6}>
          <Radio value="requester" label="Le demandeur (le délai de résolution est suspendu)" />
          <Radio value="third-party" label="Un tiers (fournisseur, opérateur…)" />
        </Group>
      </Radio.Group>
      <Textarea
        label={on === 'requester' ? 'Question au demandeur' : 'Motif (note privée)'}
        description={on === 'requester' ? 'Publiée en suivi public : le demandeur la voit.' : 'Gardée en suivi privé.'}
        {...form.getInputProps('message')}
        autosize
        minRows={2}
        maxLength={5000}
      />
    </PanelForm>
  );
}

function SolvePanel({ ticket, run }: { ticket: TicketDetail; run: Run }) {
  const bodyOf = (v: { solution: string }) => ({ action: 'solve' as const, version: ticket.version, solution: v.solution.trim() });
  const form = usePanelForm({ solution: '' }, changeTicketStatusInput, bodyOf);
  return (
    <PanelForm title="Résoudre le ticket" submit="Résoudre" onSubmit={form.onSubmit((v) => sent(run, form)({ path: 'status', body: bodyOf(v) }))}>
      <Textarea label="Solution" description="Le demandeur la lit, puis l’accepte ou la refuse." {...form.getInputProps('solution')} autosize minRows={3} maxLength={20000} autoFocus />
    </PanelForm>
  );
}

/** A reason and nothing else (reopening, the problem flag): `call` builds the body from it, `schema` checks it. */
function ReasonPanel(props: { title: string; label: string; submit: string; schema: z.ZodType; call: (reason: string) => TicketAction; run: Run }) {
  const form = usePanelForm({ reason: '' }, props.schema, (v) => props.call(v.reason.trim()).body);
  return (
    <PanelForm title={props.title} submit={props.submit} onSubmit={form.onSubmit((v) => sent(props.run, form)(props.call(v.reason.trim())))}>
      <Textarea label={props.label} {...form.getInputProps('reason')} autosize minRows={2} maxLength={2000} autoFocus />
    </PanelForm>
  );
}

function QualifyPanel({ ticket, run }: { ticket: TicketDetail; run: Run }) {
  const categories = useCategories();
  const [category, setCategory] = useState(ticket.category?.key ?? '');
  const [urgency, setUrgency] = useState(ticket.urgency);
  const [impact, setImpact] = useState(ticket.impact);
  const [major, setMajor] = useState(ticket.isMajor);
  const [type, setType] = useState(ticket.type);
  return (
    <PanelForm
      title="Qualifier le ticket"
      submit="Enregistrer la qualification"
      onSubmit={(e) => {
        e?.preventDefault();
        void run({
          path: 'qualification',
          body: {
            version: ticket.version,
            ...(category && category !== ticket.category?.key ? { category } : {}),
            ...(urgency !== ticket.urgency ? { urgency } : {}),
            ...(impact !== ticket.impact ? { impact } : {}),
            ...(major !== ticket.isMajor ? { major } : {}),
            ...(type !== ticket.type ? { type } : {}),
          },
        });
      }}
    >
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <CategorySelect categories={categories.data?.items} value={category} onChange={setCategory} allowNone={!ticket.category} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <UrgencySelect value={urgency} onChange={setUrgency} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <ImpactSelect value={impact} onChange={setImpact} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <NativeSelect
            label="Type"
            data={[
              { value: 'incident', label: 'Incident' },
              { value: 'request', label: 'Demande' },
            ]}
            value={type}
            onChange={(e) => setType(e.currentTarget.value as typeof type)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }} style={{ alignSelf: 'flex-end' }}>
          <Checkbox label="Incident majeur (arrête un établissement)" checked={major} onChange={(e) => setMajor(e.currentTarget.checked)} />
        </Grid.Col>
      </Grid>
      <Text size="xs" c="dimmed">
        Changer la catégorie peut changer l’équipe et la convention ; la priorité est recalculée par la matrice urgence × impact.
      </Text>
    </PanelForm>
  );
}

function EscalatePanel({ ticket, run }: { ticket: TicketDetail; run: Run }) {
  const levels = [0, 1, 2, 3].filter((l) => l !== ticket.level);
  const bodyOf = (v: { level: string; reason: string }) => ({ version: ticket.version, direction: Number(v.level) > ticket.level ? ('up' as const) : ('down' as const), level: Number(v.level), reason: v.reason.trim() });
  const form = usePanelForm({ level: String(levels.find((l) => l > ticket.level) ?? levels[levels.length - 1]), reason: '' }, escalateTicketInput, bodyOf);
  const target = Number(form.values.level);
  return (
    <PanelForm title="Escalader ou désescalader" submit={target > ticket.level ? 'Escalader' : 'Désescalader'} onSubmit={form.onSubmit((v) => sent(run, form)({ path: 'escalation', body: bodyOf(v) }))}>
      <Text size="sm">Niveau actuel : {ticket.levelLabel}</Text>
      <NativeSelect
        label="Vers le niveau"
        data={levels.map((l) => ({ value: String(l), label: `${l > ticket.level ? 'Escalader' : 'Désescalader'} : ${levelLabels[l]}` }))}
        {...form.getInputProps('level')}
        autoFocus
      />
      <Textarea label="Motif (gardé dans l’historique)" {...form.getInputProps('reason')} autosize minRows={2} maxLength={2000} />
    </PanelForm>
  );
}

function MajorPanel({ ticket, run }: { ticket: TicketDetail; run: Run }) {
  const majors = useOpenMajorIncidents(true);
  const options = (majors.data?.items ?? []).filter((m) => m.id !== ticket.id);
  const [majorId, setMajorId] = useState(ticket.majorIncident?.id ?? '');
  return (
    <PanelForm
      title="Rattacher à un incident majeur"
      submit={majorId ? 'Rattacher' : 'Détacher'}
      onSubmit={(e) => {
        e?.preventDefault();
        void run({ path: 'major-incident', body: { version: ticket.version, majorId: majorId || null } });
      }}
    >
      <NativeSelect
        label="Incident majeur"
        description={options.length === 0 && !majors.isFetching ? 'Aucun incident majeur en cours : qualifiez d’abord le ticket principal comme majeur.' : 'Résoudre l’incident majeur résoudra ce ticket et préviendra son demandeur.'}
        data={[{ value: '', label: 'Aucun (détacher)' }, ...options.map((m) => ({ value: m.id, label: `n° ${m.number} — ${m.title}` }))]}
        value={majorId}
        onChange={(e) => setMajorId(e.currentTarget.value)}
        autoFocus
      />
    </PanelForm>
  );
}
