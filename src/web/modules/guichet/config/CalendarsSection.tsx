import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { publishBusinessCalendarInput } from '../../../../modules/guichet/operations/config/business-calendar.input';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Section } from '../../../ui/Section';
import { ChangeError, versionLine } from './ChangeError';
import { CopyForm, useCopyForm, type CopyValues } from './CopyForm';
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

interface CalendarValues {
  label: string;
  week: Record<WeekdayKey, OpeningRange[]>;
  closedOnHolidays: boolean;
  alsace: boolean;
  zone: string;
  periods: SchoolHolidayPeriod[];
  closures: Closure[];
  /** datetime-local text, empty for now */
  validFrom: string;
}

/** Where a body's issue goes: the school holidays' fields sit at the form's top level. */
const calendarField = (path: string) => path.replace(/^schoolHolidays\./, '').replace(/^holidays$/, 'closedOnHolidays');

function CalendarForm({ calendar, readOnly }: { calendar: Calendar; readOnly: boolean }) {
  const bodyOf = (v: CalendarValues): CalendarBody => ({
    _id: calendar.id,
    version: calendar.version,
    label: v.label,
    timeZone: 'Europe/Paris',
    week: v.week,
    holidays: !v.closedOnHolidays ? 'none' : v.alsace ? 'fr-alsace-moselle' : 'fr',
    closures: v.closures,
    // the configuration's answer types zones as text; the body names them (the schema checks them)
    schoolHolidays: { zone: v.zone || null, periods: v.periods } as CalendarBody['schoolHolidays'],
    validFrom: validFromOf(v.validFrom),
  });
  // the operation's own schema: an end before its start, a closure without label, each refused on its field
  const form = useForm<CalendarValues>({
    initialValues: {
      label: calendar.label,
      week: { ...Object.fromEntries(weekdayKeys.map((d) => [d, []])), ...calendar.week } as Record<WeekdayKey, OpeningRange[]>,
      closedOnHolidays: calendar.holidays !== 'none',
      alsace: calendar.holidays === 'fr-alsace-moselle',
      zone: calendar.schoolHolidays.zone ?? '',
      periods: calendar.schoolHolidays.periods,
      closures: calendar.closures,
      validFrom: '',
    },
    validate: schemaValidator(publishBusinessCalendarInput, (v: CalendarValues) => withoutRouting(bodyOf(v)), calendarField),
  });
  const publish = useDeskChange((b: CalendarBody) => call(apiClient.PUT('/api/desk/calendars/{id}', { params: { path: { id: b._id } }, body: withoutRouting(b) })));
  const { week, closedOnHolidays, zone } = form.values;

  const submit = form.onSubmit(async (values) => {
    try {
      await publish.mutateAsync(bodyOf(values));
      notifications.show({ color: 'teal', message: 'Calendrier publié.' });
    } catch (error) {
      // the message is shown by ChangeError; the fields it names are marked
      showServerIssues(form, error, calendarField);
    }
  });
  const setWeek = (day: WeekdayKey, ranges: OpeningRange[]) => form.setFieldValue(`week.${day}`, ranges);

  return (
    <form onSubmit={submit} noValidate aria-label={`Calendrier ${calendar.label}`}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {versionLine(calendar)}. Fuseau horaire : Europe/Paris.
        </Text>
        <ChangeError error={publish.error} />
        <TextInput label="Libellé" {...form.getInputProps('label')} disabled={readOnly} maw={420} />
        <Fieldset legend="Heures d’ouverture">
          <Stack gap="xs">
            {weekdayKeys.map((day) => (
              <Group key={day} gap="sm" align="flex-start">
                <Text w={90} fw={500} id={`jour-${calendar.id}-${day}`}>
                  {weekdayLabels[day]}
                </Text>
                {week[day].length === 0 && <Text c="dimmed" size="sm">Fermé</Text>}
                {week[day].map((range, i) => (
                  <Group key={i} gap={4} wrap="nowrap">
                    <TextInput type="time" aria-label={`${weekdayLabels[day]}, plage ${i + 1} : début`} {...form.getInputProps(`week.${day}.${i}.from`)} disabled={readOnly} size="xs" />
                    <Text size="sm" aria-hidden>
                      –
                    </Text>
                    <TextInput type="time" aria-label={`${weekdayLabels[day]}, plage ${i + 1} : fin`} {...form.getInputProps(`week.${day}.${i}.to`)} disabled={readOnly} size="xs" />
                    {!readOnly && (
                      <ActionIcon variant="subtle" color="red" aria-label={`Retirer la plage ${i + 1} du ${weekdayLabels[day].toLowerCase()}`} onClick={() => form.removeListItem(`week.${day}`, i)}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
                ))}
                {!readOnly && (
                  <ActionIcon variant="light" aria-label={`Ajouter une plage le ${weekdayLabels[day].toLowerCase()}`} onClick={() => setWeek(day, [...week[day], { from: '08:00', to: '12:00' }])}>
                    <IconPlus size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
        </Fieldset>
        <Fieldset legend="Jours fériés et vacances scolaires">
          <Stack gap="sm">
            <Switch label="Fermé les jours fériés (calculés, Pâques et Pentecôte compris)" {...form.getInputProps('closedOnHolidays', { type: 'checkbox' })} disabled={readOnly} />
            <Switch label="Jours fériés d’Alsace-Moselle (Vendredi saint, 26 décembre)" {...form.getInputProps('alsace', { type: 'checkbox' })} disabled={readOnly || !closedOnHolidays} />
            <NativeSelect
              label="Fermé pendant les vacances scolaires de la zone"
              data={[{ value: '', label: 'Non' }, ...['A', 'B', 'C', 'Corse'].map((z) => ({ value: z, label: z === 'Corse' ? 'Corse' : `Zone ${z}` }))]}
              {...form.getInputProps('zone')}
              disabled={readOnly}
              maw={320}
            />
            {zone && <DatedRows title="Périodes de vacances (dates du ministère)" rows={form.values.periods} onChange={(rows) => form.setFieldValue('periods', rows)} errorOf={(i, f) => form.errors[`periods.${i}.${f}`]} readOnly={readOnly} withZone />}
          </Stack>
        </Fieldset>
        <DatedRows title="Fermetures exceptionnelles" rows={form.values.closures} onChange={(rows) => form.setFieldValue('closures', rows)} errorOf={(i, f) => form.errors[`closures.${i}.${f}`]} readOnly={readOnly} />
        {!readOnly && (
          <PublishBar validFrom={form.values.validFrom} onValidFrom={(v) => form.setFieldValue('validFrom', v)} error={form.errors.validFrom} pending={publish.isPending} label="Publier le calendrier" />
        )}
      </Stack>
    </form>
  );
}

/** Rows of closed days (label, first and last day), optionally with their school zone. */
function DatedRows<T extends Closure>(props: { title: string; rows: T[]; onChange: (rows: T[]) => void; errorOf: (index: number, field: string) => React.ReactNode; readOnly: boolean; withZone?: boolean }) {
  const set = (index: number, field: string, value: string) => props.onChange(props.rows.map((r, i) => (i === index ? { ...r, [field]: value } : r)));
  return (
    <Fieldset legend={props.title}>
      <Stack gap="xs">
        {props.rows.length === 0 && <Text c="dimmed" size="sm">Aucune.</Text>}
        {props.rows.map((row, i) => (
          <Group key={i} gap="xs" align="flex-end">
            <TextInput size="xs" label={`Libellé ${i + 1}`} value={row.label} onChange={(e) => set(i, 'label', e.currentTarget.value)} error={props.errorOf(i, 'label')} disabled={props.readOnly} />
            {props.withZone && (
              <NativeSelect size="xs" label={`Zone ${i + 1}`} data={['A', 'B', 'C', 'Corse', 'toutes']} value={(row as unknown as SchoolHolidayPeriod).zone} onChange={(e) => set(i, 'zone', e.currentTarget.value)} error={props.errorOf(i, 'zone')} disabled={props.readOnly} />
            )}
            <TextInput size="xs" type="date" label={`Premier jour ${i + 1}`} value={row.start} onChange={(e) => set(i, 'start', e.currentTarget.value)} error={props.errorOf(i, 'start')} disabled={props.readOnly} />
            <TextInput size="xs" type="date" label={`Dernier jour ${i + 1}`} value={row.end} onChange={(e) => set(i, 'end', e.currentTarget.value)} error={props.errorOf(i, 'end')} disabled={props.readOnly} />
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
  const termsOf = (v: CopyValues) => ({
    version: 0,
    label: v.label,
    timeZone: from.timeZone,
    week: from.week,
    holidays: from.holidays as CalendarBody['holidays'],
    closures: from.closures,
    schoolHolidays: from.schoolHolidays as CalendarBody['schoolHolidays'],
  });
  const form = useCopyForm(publishBusinessCalendarInput, termsOf);
  const create = useDeskChange((b: CalendarBody) => call(apiClient.PUT('/api/desk/calendars/{id}', { params: { path: { id: b._id } }, body: withoutRouting(b) })));
  const submit = form.onSubmit(async (values) => {
    try {
      await create.mutateAsync({ _id: values.id.trim(), ...termsOf(values) });
      notifications.show({ color: 'teal', message: 'Calendrier créé.' });
      onCreated(values.id.trim());
    } catch (error) {
      // the message is shown by ChangeError; the fields it names are marked
      showServerIssues(form, error);
    }
  });
  return <CopyForm name="Nouveau calendrier" heading="Nouveau calendrier (copie de celui affiché)" form={form} error={create.error} pending={create.isPending} onSubmit={submit} />;
}
