import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import type { FormEvent } from 'react';
import { z } from 'zod';
import { agreementIdParam } from '../../../../modules/guichet/operations/config/service-agreement.input';
import { schemaValidator } from '../../../ui/form';
import { ChangeError } from './ChangeError';

export interface CopyValues {
  id: string;
  label: string;
}

/**
 * The copy's fields checked by the route's own schemas: the identifier as the path wants it, the
 * terms (the copied ones with the new label) as the body wants them.
 */
export function useCopyForm(termsSchema: z.ZodType, termsOf: (values: CopyValues) => unknown) {
  return useForm<CopyValues>({
    initialValues: { id: '', label: '' },
    validate: schemaValidator(z.object({ id: agreementIdParam, terms: termsSchema }), (v: CopyValues) => ({ id: v.id.trim(), terms: termsOf(v) }), (path) => path.replace(/^terms\./, '')),
  });
}

/** The form that creates a new calendar or agreement as a copy of the one shown: an identifier and a label. */
export function CopyForm(props: {
  /** Names the form, e.g. "Nouvelle convention". */
  name: string;
  heading: string;
  form: UseFormReturnType<CopyValues>;
  error: unknown;
  pending: boolean;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
}) {
  return (
    <form onSubmit={props.onSubmit} noValidate aria-label={props.name}>
      <Stack gap="xs">
        <Text fw={600}>{props.heading}</Text>
        <ChangeError error={props.error} />
        <Group align="flex-end">
          <TextInput label="Identifiant" description="minuscules, chiffres et tirets" {...props.form.getInputProps('id')} required />
          <TextInput label="Libellé" {...props.form.getInputProps('label')} required w={320} />
          <Button type="submit" variant="default" loading={props.pending}>
            Créer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
