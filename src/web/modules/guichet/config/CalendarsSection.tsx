import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Section } from '../../../ui/Section';
import { ChangeError, versionLine } from './ChangeError';
import { CopyForm } from './CopyForm';
import { PublishBar, validFromOf } from './EffectiveDateInput';
import { apiClient, call } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import { useDeskChange, withoutRouting } from './queries';
import { weekdayKeys, weekdayLabels, type Calendar, type Closure, type DeskConfiguration, type OpeningRange, type SchoolHolidayPeriod, type WeekdayKey } from './types';

type CalendarBody = BodyOf<'/api/desk/calendars/{id}', 'put'> & { _id: string };

/** Business calendars: opening ranges per weekday, public holidays, school holidays of a zone, closures. */
export function CalendarsSection({ config }: { config: DeskConfiguration }) {
  const [selected, setSelected] = useState(config.calendars[0]?.id);
  const calendar = config.calendars.find((c) => c.id === selected) ?? config.calendars[0];
  return (
    <Section title="Calendriers ouvrés" id="calendriers">
      <Stack gap="md">
        <NativeSelect label="Calendrier" data={config.calendars.map((c) => ({ value: c.id, label: c.label }))} value={calendar.id} onChange={(e) => setSelected(e.currentTarget.value)} maw={480} />
        <CalendarForm key={`${calendar.id}/${calendar.version}`} calendar={calendar} readOnly={!config.canConfigure} />
        {config.canConfigure && <NewCalendarForm from={calendar} onCreated={setSelected} />}
      </Stack>
    </Section>
  );
}

function CalendarForm({ calendar, readOnly }: { calendar: Calendar; readOnly: boolean }) {
  const [label, setLabel] = useState(calendar.label);
  const [week, setWeek] = useState<Record<WeekdayKey, OpeningRange[]>>(() => ({ ...Object.fromEntries(weekdayKeys.map((d) => [d, []])), ...calendar.week }) as Record<WeekdayKey, OpeningRange[]>);
  const [closedOnHolidays, setClosedOnHolidays] = useState(calendar.holidays !== 'none');
  const [alsace, setAlsace] = useState(calendar.holidays === 'fr-alsace-moselle');
  const [zone, setZone] = useState<string>(calendar.schoolHolidays.zone ?? '');
  const [periods, setPeriods] = useState<SchoolHolidayPeriod[]>(calendar.schoolHolidays.periods);
  const [closures, setClosures] = useState<Closure[]>(calendar.closures);
  const [validFrom, setValidFrom] = useState('');
  const publish = useDeskChange((b: CalendarBody) => call(apiClient.PUT('/api/desk/calendars/{id}', { params: { path: { id: b._id } }, body: withoutRouting(b) })));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await publish.mutateAsync({
        _id: calendar.id,
        version: calendar.version,
        label,
        timeZone: 'Europe/Paris',
        week,
        holidays: !closedOnHolidays ? 'none' : alsace ? 'fr-alsace-moselle' : 'fr',
        closures,
        // the configuration's answer types zones as text; the body names them (the server checks them again)
        schoolHolidays: { zone: zone || null, periods } as CalendarBody['schoolHolidays'],
        validFrom: validFromOf(validFrom),
      });
      notifications.show({ color: 'teal', message: 'Calendrier publié.' });
    } catch {
      // shown by ChangeError
    }
  };
  const setRange = (day: WeekdayKey, index: number, field: 'from' | 'to', value: string) =>
    setWeek((w) => ({ ...w, [day]: w[day].map((r, i) => (i === index ? { ...r, [field]: value } : r)) }));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Calendrier ${calendar.label}`}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {versionLine(calendar)}. Fuseau horaire : Europe/Paris.
        </Text>
        <ChangeError error={publish.error} />
        <TextInput label="Libellé" value={label} onChange={(e) => setLabel(e.currentTarget.value)} disabled={readOnly} maw={420} />
        <Fieldset legend="Heures d’ouverture">
          <Stack gap="xs">
            {weekdayKeys.map((day) => (
              <Group key={day} gap="sm" align="center">
                <Text w={90} fw={500} id={`jour-${calendar.id}-${day}`}>
                  {weekdayLabels[day]}
                </Text>
                {week[day].length === 0 && <Text c="dimmed" size="sm">Fermé</Text>}
                {week[day].map((range, i) => (
                  <Group key={i} gap={4} wrap="nowrap">
                    <TextInput type="time" aria-label={`${weekdayLabels[day]}, plage ${i + 1} : début`} value={range.from} onChange={(e) => setRange(day, i, 'from', e.currentTarget.value)} disabled={readOnly} size="xs" />
                    <Text size="sm" aria-hidden>
                      –
                    </Text>
                    <TextInput type="time" aria-label={`${weekdayLabels[day]}, plage ${i + 1} : fin`} value={range.to} onChange={(e) => setRange(day, i, 'to', e.currentTarget.value)} disabled={readOnly} size="xs" />
                    {!readOnly && (
                      <ActionIcon variant="subtle" color="red" aria-label={`Retirer la plage ${i + 1} du ${weekdayLabels[day].toLowerCase()}`} onClick={() => setWeek((w) => ({ ...w, [day]: w[day].filter((_, j) => j !== i) }))}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
                ))}
                {!readOnly && (
                  <ActionIcon variant="light" aria-label={`Ajouter une plage le ${weekdayLabels[day].toLowerCase()}`} onClick={() => setWeek((w) => ({ ...w, [day]: [...w[day], { from: '08:00', to: '12:00' }] }))}>
                    <IconPlus size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
        </Fieldset>
        <Fieldset legend="Jours fériés et vacances scolaires">
          <Stack gap="sm">
            <Switch label="Fermé les jours fériés (calculés, Pâques et Pentecôte compris)" checked={closedOnHolidays} onChange={(e) => setClosedOnHolidays(e.currentTarget.checked)} disabled={readOnly} />
            <Switch label="Jours fériés d’Alsace-Moselle (Vendredi saint, 26 décembre)" checked={alsace} onChange={(e) => setAlsace(e.currentTarget.checked)} disabled={readOnly || !closedOnHolidays} />
            <NativeSelect
              label="Fermé pendant les vacances scolaires de la zone"
              data={[{ value: '', label: 'Non' }, ...['A', 'B', 'C', 'Corse'].map((z) => ({ value: z, label: z === 'Corse' ? 'Corse' : `Zone ${z}` }))]}
              value={zone}
              onChange={(e) => setZone(e.currentTarget.value)}
              disabled={readOnly}
              maw={320}
            />
            {zone && <DatedRows title="Périodes de vacances (dates du ministère)" rows={periods} onChange={setPeriods} readOnly={readOnly} withZone />}
          </Stack>
        </Fieldset>
        <DatedRows title="Fermetures exceptionnelles" rows={closures} onChange={setClosures} readOnly={readOnly} />
        {!readOnly && (
          <PublishBar validFrom={validFrom} onValidFrom={setValidFrom} pending={publish.isPending} label="Publier le calendrier" />
        )}
      </Stack>
    </form>
  );
}

/** Rows of closed days (label, first and last day), optionally with their school zone. */
function DatedRows<T extends Closure>(props: { title: string; rows: T[]; onChange: (rows: T[]) => void; readOnly: boolean; withZone?: boolean }) {
  const set = (index: number, field: string, value: string) => props.onChange(props.rows.map((r, i) => (i === index ? { ...r, [field]: value } : r)));
  return (
    <Fieldset legend={props.title}>
      <Stack gap="xs">
        {props.rows.length === 0 && <Text c="dimmed" size="sm">Aucune.</Text>}
        {props.rows.map((row, i) => (
          <Group key={i} gap="xs" align="flex-end">
            <TextInput size="xs" label={`Libellé ${i + 1}`} value={row.label} onChange={(e) => set(i, 'label', e.currentTarget.value)} disabled={props.readOnly} />
            {props.withZone && (
              <NativeSelect size="xs" label={`Zone ${i + 1}`} data={['A', 'B', 'C', 'Corse', 'toutes']} value={(row as unknown as SchoolHolidayPeriod).zone} onChange={(e) => set(i, 'zone', e.currentTarget.value)} disabled={props.readOnly} />
            )}
            <TextInput size="xs" type="date" label={`Premier jour ${i + 1}`} value={row.start} onChange={(e) => set(i, 'start', e.currentTarget.value)} disabled={props.readOnly} />
            <TextInput size="xs" type="date" label={`Dernier jour ${i + 1}`} value={row.end} onChange={(e) => set(i, 'end', e.currentTarget.value)} disabled={props.readOnly} />
            {!props.readOnly && (
              <ActionIcon variant="subtle" color="red" aria-label={`Retirer la ligne ${i + 1} (${row.label || 'sans libellé'})`} onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        ))}
        {!props.readOnly && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => props.onChange([...props.rows, { label: '', start: '', end: '', ...(props.withZone ? { zone: 'toutes' } : {}) } as unknown as T])} w="fit-content">
            Ajouter
          </Button>
        )}
      </Stack>
    </Fieldset>
  );
}

function NewCalendarForm({ from, onCreated }: { from: Calendar; onCreated: (id: string) => void }) {
  const [id, setId] = useState('');
  const [label, setLabel] = useState('');
  const create = useDeskChange((b: CalendarBody) => call(apiClient.PUT('/api/desk/calendars/{id}', { params: { path: { id: b._id } }, body: withoutRouting(b) })));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await create.mutateAsync({ _id: id.trim(), version: 0, label, timeZone: from.timeZone, week: from.week, holidays: from.holidays as CalendarBody['holidays'], closures: from.closures, schoolHolidays: from.schoolHolidays as CalendarBody['schoolHolidays'] });
      notifications.show({ color: 'teal', message: 'Calendrier créé.' });
      onCreated(id.trim());
    } catch {
      // shown by ChangeError
    }
  };
  return (
    <CopyForm
      name="Nouveau calendrier"
      heading="Nouveau calendrier (copie de celui affiché)"
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
