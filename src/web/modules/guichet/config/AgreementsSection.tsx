import { Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { Section } from '../../../ui/Section';
import { ChangeError, versionLine } from './ChangeError';
import { CopyForm } from './CopyForm';
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

function AgreementForm({ config, agreement }: { config: DeskConfiguration; agreement: Agreement }) {
  const first = agreement.targets['3'] ?? Object.values(agreement.targets)[0];
  const [label, setLabel] = useState(agreement.label);
  const [pause, setPause] = useState(agreement.pauseOnThirdParty);
  const [calendarId, setCalendarId] = useState(first.calendarId);
  const [warnPercent, setWarnPercent] = useState<number | ''>(first.warnAtRatio ? Math.round(first.warnAtRatio * 100) : 75);
  const [cells, setCells] = useState<Cells>(() => cellsOf(agreement));
  const [validFrom, setValidFrom] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const publish = useDeskChange((b: AgreementBody) => call(apiClient.PUT('/api/desk/agreements/{id}', { params: { path: { id: b._id } }, body: withoutRouting(b) })));
  const readOnly = !config.canConfigure;
  const categories = config.categories.filter((c) => c.active);

  const target = (own: number, resolve: number): SlaTarget => ({
    timeToOwnMinutes: Math.round(own * 60),
    timeToResolveMinutes: Math.round(resolve * 60),
    warnAtRatio: (warnPercent === '' ? 75 : warnPercent) / 100,
    calendarId,
  });
  const setCell = (row: string, p: string, field: 'own' | 'resolve', value: Hours) =>
    setCells((c) => ({ ...c, [row]: { ...Object.fromEntries(priorities.map((q) => [q, { own: '' as Hours, resolve: '' as Hours }])), ...c[row], [p]: { ...(c[row]?.[p] ?? { own: '', resolve: '' }), [field]: value } } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    const targets: Record<string, SlaTarget> = {};
    const overrides: Record<string, Record<string, SlaTarget>> = {};
    for (const p of priorities) {
      const cell = cells[allCategories][p];
      if (cell.own === '' || cell.resolve === '') return setLocalError(`Indiquez les deux délais de la priorité ${priorityLabels[Number(p)].toLowerCase()} pour toutes les catégories.`);
      targets[p] = target(cell.own, cell.resolve);
    }
    for (const c of categories) {
      for (const p of priorities) {
        const cell = cells[c.key]?.[p];
        if (!cell || (cell.own === '' && cell.resolve === '')) continue;
        if (cell.own === '' || cell.resolve === '') return setLocalError(`Indiquez les deux délais (ou aucun) pour « ${c.label} », priorité ${priorityLabels[Number(p)].toLowerCase()}.`);
        (overrides[c.key] ??= {})[p] = target(cell.own, cell.resolve);
      }
    }
    try {
      await publish.mutateAsync({ _id: agreement.id, version: agreement.version, label, pauseOnThirdParty: pause, targets, categories: overrides, validFrom: validFromOf(validFrom) });
      notifications.show({ color: 'teal', message: 'Convention publiée.' });
    } catch {
      // shown by ChangeError
    }
  };

  const rows = [{ key: allCategories, label: 'Toutes catégories' }, ...categories.map((c) => ({ key: c.key, label: c.label }))];
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Convention ${agreement.label}`}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {versionLine(agreement)}. Délais en heures ouvrées (prise en charge / résolution) ; une case vide d’une catégorie reprend la ligne « Toutes catégories ».
        </Text>
        <ChangeError error={publish.error} />
        {localError && (
          <Text c="red.8" role="alert">
            {localError}
          </Text>
        )}
        <Group align="flex-end" gap="md">
          <TextInput label="Libellé" value={label} onChange={(e) => setLabel(e.currentTarget.value)} disabled={readOnly} w={320} />
          <NativeSelect label="Calendrier" data={config.calendars.map((c) => ({ value: c.id, label: c.label }))} value={calendarId} onChange={(e) => setCalendarId(e.currentTarget.value)} disabled={readOnly} />
          <NumberInput label="Alerte à (% du délai)" min={1} max={99} allowDecimal={false} value={warnPercent} onChange={(v) => setWarnPercent(v === '' ? '' : Number(v))} disabled={readOnly} w={180} />
        </Group>
        <Checkbox label="L’attente d’un tiers (fournisseur, rectorat) suspend les délais" checked={pause} onChange={(e) => setPause(e.currentTarget.checked)} disabled={readOnly} />
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
                          <NumberInput aria-label={`Prise en charge en heures — ${where}`} placeholder="PEC" min={0} step={0.5} decimalScale={2} size="xs" w={70} hideControls value={cell.own} onChange={(v) => setCell(row.key, p, 'own', v === '' ? '' : Number(v))} disabled={readOnly} />
                          <NumberInput aria-label={`Résolution en heures — ${where}`} placeholder="Rés." min={0} step={0.5} decimalScale={2} size="xs" w={70} hideControls value={cell.resolve} onChange={(v) => setCell(row.key, p, 'resolve', v === '' ? '' : Number(v))} disabled={readOnly} />
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
          <PublishBar validFrom={validFrom} onValidFrom={setValidFrom} pending={publish.isPending} label="Publier la convention" />
        )}
      </Stack>
    </form>
  );
}

/** A new agreement, starting as a copy of the one shown. */
function NewAgreementForm({ from, onCreated }: { config: DeskConfiguration; from: Agreement; onCreated: (id: string) => void }) {
  const [id, setId] = useState('');
  const [label, setLabel] = useState('');
  const create = useDeskChange((b: AgreementBody) => call(apiClient.PUT('/api/desk/agreements/{id}', { params: { path: { id: b._id } }, body: withoutRouting(b) })));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await create.mutateAsync({ _id: id.trim(), version: 0, label, pauseOnThirdParty: from.pauseOnThirdParty, targets: from.targets, categories: from.categories });
      notifications.show({ color: 'teal', message: 'Convention créée.' });
      onCreated(id.trim());
      setId('');
      setLabel('');
    } catch {
      // shown by ChangeError
    }
  };
  return (
    <CopyForm
      name="Nouvelle convention"
      heading="Nouvelle convention (copie de celle affichée)"
      id={id}
      onId={setId}
      label={label}
      onLabel={setLabel}
      error={create.error}
      pending={create.isPending}
      onSubmit={(e) => void submit(e)}
    />
  );
}
