import { Alert, Button, Checkbox, Fieldset, FileInput, Group, NumberInput, Radio, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { SchoolSelect } from '../../../ui/SchoolSelect';
import { establishmentQuery } from '../../establishments/queries';
import { fieldVisible, validateAnswers, type Answers, type FormField } from '../../../../shared/campaign-form';

/**
 * The form as the applicant sees it, live: conditions show and hide fields as answers are typed,
 * and « Vérifier » runs the server's own validator (the same messages on each field).
 */
export function FormPreview({ fields }: { fields: FormField[] }) {
  const [answers, setAnswers] = useState<Answers>({});
  const [issues, setIssues] = useState<Record<string, string> | null>(null);
  const set = (key: string, value: unknown) => setAnswers((a) => ({ ...a, [key]: value }));
  const check = () => setIssues(Object.fromEntries(validateAnswers(fields, answers, { complete: true }).map((i) => [i.path, i.message])));
  const visible = fields.filter((f) => fieldVisible(f, answers));
  return (
    <Stack gap="sm" aria-label="Aperçu du formulaire" role="region">
      {visible.length === 0 && <Text c="dimmed">Ajoutez un champ : il apparaît ici tel que le demandeur le verra.</Text>}
      {visible.map((f) => (
        <PreviewField key={f.key} field={f} value={answers[f.key]} onChange={(v) => set(f.key, v)} error={issues?.[f.key]} issues={issues ?? {}} prefix={`apercu-${f.key}`} />
      ))}
      {visible.length > 0 && (
        <Group>
          <Button variant="light" onClick={check}>
            Vérifier mes réponses
          </Button>
          <Button variant="subtle" onClick={() => (setAnswers({}), setIssues(null))}>
            Effacer
          </Button>
        </Group>
      )}
      {issues && Object.keys(issues).length === 0 && (
        <Alert color="teal" role="status">
          Les réponses sont complètes et valides.
        </Alert>
      )}
    </Stack>
  );
}

/** A document answer: the stored document's id and name. */
export interface DocumentAnswer {
  documentId: string;
  filename: string;
}

export interface FieldProps {
  field: FormField;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string;
  issues: Record<string, string>;
  prefix: string;
  /** Sends a document field's file (checked by content on the server); absent in the builder's preview. */
  upload?: (field: FormField, file: File) => Promise<DocumentAnswer>;
}

/** One field as the applicant answers it (the builder's preview, and the file's own form). */
export function AnswerField(props: FieldProps) {
  return <PreviewField {...props} />;
}

function PreviewField({ field, value, onChange, error, issues, prefix, upload }: FieldProps) {
  const common = { label: field.label, description: field.description, withAsterisk: field.required, error };
  const text = typeof value === 'string' ? value : '';
  const number = typeof value === 'number' ? value : '';
  switch (field.kind) {
    case 'section':
      return (
        <Title order={3} size="h5" mt="sm">
          {field.label}
        </Title>
      );
    case 'explanation':
      return (
        <Text size="sm">
          <strong>{field.label}</strong> {field.description}
        </Text>
      );
    case 'textarea':
      return <Textarea {...common} autosize minRows={2} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'integer':
    case 'decimal':
      return <NumberInput {...common} allowDecimal={field.kind === 'decimal'} value={number} onChange={(v) => onChange(v === '' ? undefined : Number(v))} />;
    case 'euros':
      return (
        <NumberInput
          {...common}
          suffix=" €"
          decimalScale={2}
          decimalSeparator=","
          value={typeof value === 'number' ? value / 100 : ''}
          onChange={(v) => onChange(v === '' ? undefined : Math.round(Number(v) * 100))}
        />
      );
    case 'date':
      return <TextInput {...common} type="date" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'yesno':
      return (
        <Radio.Group {...common} value={value === undefined ? '' : String(value)} onChange={(v) => onChange(v === 'true')}>
          <Group mt={4}>
            <Radio value="true" label="Oui" />
            <Radio value="false" label="Non" />
          </Group>
        </Radio.Group>
      );
    case 'choice':
      return <Select {...common} data={field.options ?? []} value={text || null} onChange={(v) => onChange(v ?? undefined)} />;
    case 'multiple':
      return (
        <Checkbox.Group {...common} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange}>
          <Stack gap={4} mt={4}>
            {(field.options ?? []).map((o) => (
              <Checkbox key={o} value={o} label={o} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'email':
      return <TextInput {...common} type="email" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'phone':
      return <TextInput {...common} type="tel" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'establishment':
      return <EstablishmentField label={field.label} description={field.description} required={field.required} error={error} value={value as { uai?: string } | undefined} onChange={onChange} />;
    case 'address':
      return <AddressPreview {...common} value={(value ?? {}) as Record<string, string>} onChange={onChange} />;
    case 'document':
      if (upload) return <DocumentField field={field} value={value as DocumentAnswer | undefined} onChange={onChange} error={error} upload={upload} />;
      return <FileInput {...common} placeholder="Choisir un fichier" description={`${field.description ? `${field.description} — ` : ''}PDF, JPEG, PNG, ODT, DOCX ou XLSX, ${Math.round((field.maxBytes ?? 20 * 1024 * 1024) / 1024 / 1024)} Mo au plus`} disabled />;
    case 'repetition':
      return <RepetitionPreview field={field} value={Array.isArray(value) ? (value as Answers[]) : []} onChange={onChange} error={error} issues={issues} prefix={prefix} upload={upload} />;
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

function AddressPreview(props: { label: string; withAsterisk?: boolean; error?: string; value: Record<string, string>; onChange: (v: unknown) => void }) {
  const set = (k: string, v: string) => props.onChange({ ...props.value, [k]: v });
  return (
    <Fieldset legend={props.label}>
      <TextInput label="Rue" value={props.value.street ?? ''} onChange={(e) => set('street', e.currentTarget.value)} />
      <Group grow>
        <TextInput label="Code postal" value={props.value.postalCode ?? ''} onChange={(e) => set('postalCode', e.currentTarget.value)} />
        <TextInput label="Commune" value={props.value.city ?? ''} onChange={(e) => set('city', e.currentTarget.value)} />
      </Group>
      {props.error && (
        <Text size="sm" c="red.8">
          {props.error}
        </Text>
      )}
    </Fieldset>
  );
}

/** An establishment picked by name or UAI; the answer keeps its id, UAI, name and département (for « in département » conditions). */
function EstablishmentField(props: { label: string; description?: string; required?: boolean; error?: string; value: { uai?: string } | undefined; onChange: (v: unknown) => void }) {
  const client = useQueryClient();
  return (
    <SchoolSelect
      label={props.label}
      description={props.description}
      required={props.required}
      error={props.error}
      value={props.value?.uai ?? null}
      onChange={(uai) => {
        if (!uai) return props.onChange(undefined);
        void client.fetchQuery(establishmentQuery(uai)).then((e) => props.onChange({ id: e.id, uai: e.uai, name: e.name, departmentCode: e.departmentCode ?? null }));
      }}
    />
  );
}

/** A document field: the file goes to the server at once, which checks its type by content and its size; the answer is its id. */
function DocumentField(props: { field: FormField; value: DocumentAnswer | undefined; onChange: (v: unknown) => void; error?: string; upload: NonNullable<FieldProps['upload']> }) {
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const { field } = props;
  const limit = Math.round((field.maxBytes ?? 20 * 1024 * 1024) / 1024 / 1024);
  return (
    <FileInput
      label={field.label}
      withAsterisk={field.required}
      description={`${props.value ? `Déposé : ${props.value.filename}. ` : ''}PDF, JPEG, PNG, ODT, DOCX ou XLSX, ${limit} Mo au plus`}
      placeholder={props.value ? 'Remplacer le fichier' : 'Choisir un fichier'}
      disabled={busy}
      error={refused ?? props.error}
      onChange={(file) => {
        if (!file) return;
        setBusy(true);
        props
          .upload(field, file)
          .then((doc) => {
            setRefused(null);
            props.onChange(doc);
          })
          .catch((e: unknown) => setRefused(e instanceof Error ? e.message : String(e)))
          .finally(() => setBusy(false));
      }}
    />
  );
}

function RepetitionPreview({ field, value, onChange, error, issues, prefix, upload }: Omit<FieldProps, 'value'> & { value: Answers[] }) {
  const setBlock = (i: number, key: string, v: unknown) => onChange(value.map((b, j) => (j === i ? { ...b, [key]: v } : b)));
  return (
    <Fieldset legend={field.label}>
      {value.map((block, i) => (
        <Stack key={i} gap="xs" mb="sm" aria-label={`Bloc ${i + 1}`} role="group">
          {(field.children ?? []).filter((c) => fieldVisible(c, block)).map((c) => (
            <PreviewField key={c.key} field={c} value={block[c.key]} onChange={(v) => setBlock(i, c.key, v)} error={issues[`${field.key}.${i}.${c.key}`]} issues={issues} prefix={`${prefix}-${i}`} upload={upload} />
          ))}
        </Stack>
      ))}
      <Button variant="subtle" size="xs" onClick={() => onChange([...value, {}])}>
        Ajouter un bloc
      </Button>
      {error && (
        <Text size="sm" c="red.8">
          {error}
        </Text>
      )}
    </Fieldset>
  );
}
