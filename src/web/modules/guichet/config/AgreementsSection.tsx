import { Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { publishServiceAgreementInput } from '../../../../modules/guichet/operations/config/service-agreement.input';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Section } from '../../../ui/Section';
import { ChangeError, versionLine } from './ChangeError';
import { CopyForm, useCopyForm, type CopyValues } from './CopyForm';
import { PublishBar, validFromOf } from './EffectiveDateInput';
import { apiClient, call } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import { useDeskChange, withoutRouting } from './queries';
import { priorityLabels, type Agreement, type DeskConfiguration, type SlaTarget } from './types';

const priorities = ['1', '2', '3', '4', '5', '6'];
const allCategories = '*';
type Hours = number | '';
type Cells = Record<string, Record<string, { own: Hours; resolve: Hours }>>;

/** PUT /api/desk/agreements/{id}'s body, with the id it goes to. */
type AgreementBody = BodyOf<'/api/desk/agreements/{id}', 'put'> & { _id: string };

const hours = (minutes: number | undefined): Hours => (minutes === undefined ? '' : Math.round((minutes / 60) * 100) / 100);

function cellsOf(agreement: Agreement): Cells {
  const row = (targets: Record<string, SlaTarget | undefined>) =>
    Object.fromEntries(priorities.map((p) => [p, { own: hours(targets[p]?.timeToOwnMinutes), resolve: hours(targets[p]?.timeToResolveMinutes) }]));
  return { [allCategories]: row(agreement.targets), ...Object.fromEntries(Object.entries(agreement.categories).map(([key, targets]) => [key, row(targets)])) };
}

/** Agreements: one table of categories × priorities with the hours to own and to resolve. */
export function AgreementsSection({ config }: { config: DeskConfiguration }) {
  const [selected, setSelected] = useState(config.settings.defaultAgreementId);
  const agreement = config.agreements.find((a) => a.id === selected) ?? config.agreements[0];
  return (
    <Section title="Conventions de service" id="conventions">
      <Stack gap="md">
        <NativeSelect
          label="Convention"
          data={config.agreements.map((a) => ({ value: a.id, label: `${a.label}${a.id === config.settings.defaultAgreementId ? ' (par défaut)' : ''}` }))}
          value={agreement.id}
          onChange={(e) => setSelected(e.currentTarget.value)}
          maw={480}
        />
        <AgreementForm key={`${agreement.id}/${agreement.version}`} config={config} agreement={agreement} />
        {config.canConfigure && <NewAgreementForm config={config} from={agreement} onCreated={setSelected} />}
      </Stack>
    </Section>
  );
}

interface AgreementValues {
  label: string;
  pause: boolean;
  calendarId: string;
  warnPercent: Hours;
  cells: Cells;
  /** datetime-local text, empty for now */
  validFrom: string;
}

/** Where a body's issue goes on the grid: `categories.reseau.3.timeToOwnMinutes` → `cells.reseau.3.own`. */
function agreementField(path: string): string {
  const cell = /^(?:targets|categories\.([^.]+))\.([1-6])\.(\w+)$/.exec(path);
  if (!cell) return path === 'pauseOnThirdParty' ? 'pause' : path;
  const [, category, priority, field] = cell;
  if (field === 'warnAtRatio') return 'warnPercent';
  if (field === 'calendarId') return 'calendarId';
  return `cells.${category ?? allCategories}.${priority}.${field === 'timeToResolveMinutes' ? 'resolve' : 'own'}`;
}

function AgreementForm({ config, agreement }: { config: DeskConfiguration; agreement: Agreement }) {
  const first = agreement.targets['3'] ?? Object.values(agreement.targets)[0];
  const readOnly = !config.canConfigure;
  const categories = config.categories.filter((c) => c.active);

  /** The PUT body: every priority of the first row, and the category cells where one of the two delays is given (the schema wants both). */
  const bodyOf = (v: AgreementValues): AgreementBody => {
    const minutes = (h: Hours) => (h === '' ? undefined : Math.round(h * 60));
    const target = (cell: { own: Hours; resolve: Hours } | undefined) =>
      ({ timeToOwnMinutes: minutes(cell?.own ?? ''), timeToResolveMinutes: minutes(cell?.resolve ?? ''), warnAtRatio: (v.warnPercent === '' ? 75 : v.warnPercent) / 100, calendarId: v.calendarId }) as SlaTarget;
    const targets = Object.fromEntries(priorities.map((p) => [p, target(v.cells[allCategories][p])]));
    const overrides: Record<string, Record<string, SlaTarget>> = {};
    for (const c of categories) {
      for (const p of priorities) {
        const cell = v.cells[c.key]?.[p];
        if (cell && (cell.own !== '' || cell.resolve !== '')) (overrides[c.key] ??= {})[p] = target(cell);
      }
    }
    return { _id: agreement.id, version: agreement.version, label: v.label, pauseOnThirdParty: v.pause, targets, categories: overrides, validFrom: validFromOf(v.validFrom) };
  };
  // the operation's own schema: a missing delay, or one to own longer than the one to resolve, is refused on its cell
  const form = useForm<AgreementValues>({
    initialValues: { label: agreement.label, pause: agreement.pauseOnThirdParty, calendarId: first.calendarId, warnPercent: first.warnAtRatio ? Math.round(first.warnAtRatio * 100) : 75, cells: cellsOf(agreement), validFrom: '' },
    validate: schemaValidator(publishServiceAgreementInput, (v: AgreementValues) => withoutRouting(bodyOf(v)), agreementField),
  });
  const publish = useDeskChange((b: AgreementBody) => call(apiClient.PUT('/api/desk/agreements/{id}', { params: { path: { id: b._id } }, body: withoutRouting(b) })));
  const cells = form.values.cells;
  const setCell = (row: string, p: string, field: 'own' | 'resolve', value: Hours) => {
    if (!cells[row]?.[p]) form.setFieldValue(`cells.${row}`, { ...Object.fromEntries(priorities.map((q) => [q, { own: '' as Hours, resolve: '' as Hours }])), ...cells[row] });
    form.setFieldValue(`cells.${row}.${p}.${field}`, value);
  };

  const submit = form.onSubmit(async (values) => {
    try {
      await publish.mutateAsync(bodyOf(values));
      notifications.show({ color: 'teal', message: 'Convention publiée.' });
    } catch (error) {
      // the message is shown by ChangeError; the cells it names are marked
      showServerIssues(form, error, agreementField);
    }
  });

  const rows = [{ key: allCategories, label: 'Toutes catégories' }, ...categories.map((c) => ({ key: c.key, label: c.label }))];
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Convention ${agreement.label}`}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {versionLine(agreement)}. Délais en heures ouvrées (prise en charge / résolution) ; une case vide d’une catégorie reprend la ligne « Toutes catégories ».
        </Text>
        <ChangeError error={publish.error} />
        <Group align="flex-end" gap="md">
          <TextInput label="Libellé" {...form.getInputProps('label')} disabled={readOnly} w={320} />
          <NativeSelect label="Calendrier" data={config.calendars.map((c) => ({ value: c.id, label: c.label }))} {...form.getInputProps('calendarId')} disabled={readOnly} />
          <NumberInput label="Alerte à (% du délai)" min={1} max={99} allowDecimal={false} {...form.getInputProps('warnPercent')} disabled={readOnly} w={180} />
        </Group>
        <Checkbox label="L’attente d’un tiers (fournisseur, rectorat) suspend les délais" {...form.getInputProps('pause', { type: 'checkbox' })} disabled={readOnly} />
        <Table.ScrollContainer minWidth={900}>
          <Table withTableBorder withColumnBorders>
            <caption className="visually-hidden">Délais en heures ouvrées par catégorie et priorité</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Catégorie</Table.Th>
                {priorities.map((p) => (
                  <Table.Th scope="col" key={p}>
                    {priorityLabels[Number(p)]}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row">{row.label}</Table.Th>
                  {priorities.map((p) => {
                    const cell = cells[row.key]?.[p] ?? { own: '', resolve: '' };
                    const where = `${row.label}, priorité ${priorityLabels[Number(p)].toLowerCase()}`;
                    return (
                      <Table.Td key={p}>
                        <Group gap={4} wrap="nowrap">
                          <NumberInput aria-label={`Prise en charge en heures — ${where}`} placeholder="PEC" min={0} step={0.5} decimalScale={2} size="xs" w={70} hideControls value={cell.own} onChange={(v) => setCell(row.key, p, 'own', v === '' ? '' : Number(v))} error={form.errors[`cells.${row.key}.${p}.own`]} disabled={readOnly} />
                          <NumberInput aria-label={`Résolution en heures — ${where}`} placeholder="Rés." min={0} step={0.5} decimalScale={2} size="xs" w={70} hideControls value={cell.resolve} onChange={(v) => setCell(row.key, p, 'resolve', v === '' ? '' : Number(v))} error={form.errors[`cells.${row.key}.${p}.resolve`]} disabled={readOnly} />
                        </Group>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!readOnly && (
          <PublishBar validFrom={form.values.validFrom} onValidFrom={(v) => form.setFieldValue('validFrom', v)} error={form.errors.validFrom} pending={publish.isPending} label="Publier la convention" />
        )}
      </Stack>
    </form>
  );
}

/** A new agreement, starting as a copy of the one shown. */
function NewAgreementForm({ from, onCreated }: { config: DeskConfiguration; from: Agreement; onCreated: (id: string) => void }) {
  const termsOf = (v: CopyValues) => ({ version: 0, label: v.label, pauseOnThirdParty: from.pauseOnThirdParty, targets: from.targets, categories: from.categories });
  const form = useCopyForm(publishServiceAgreementInput, termsOf);
  const create = useDeskChange((b: AgreementBody) => call(apiClient.PUT('/api/desk/agreements/{id}', { params: { path: { id: b._id } }, body: withoutRouting(b) })));
  const submit = form.onSubmit(async (values) => {
    try {
      await create.mutateAsync({ _id: values.id.trim(), ...termsOf(values) });
      notifications.show({ color: 'teal', message: 'Convention créée.' });
      onCreated(values.id.trim());
      form.reset();
    } catch (error) {
      // the message is shown by ChangeError; the fields it names are marked
      showServerIssues(form, error);
    }
  });
  return <CopyForm name="Nouvelle convention" heading="Nouvelle convention (copie de celle affichée)" form={form} error={create.error} pending={create.isPending} onSubmit={submit} />;
}
