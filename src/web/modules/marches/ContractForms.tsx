import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { amendmentInput, createContractInput } from '../../../modules/marches/operations/contract.input';

import { ccagLabels, ccags, contractKindLabels, contractKinds, priceFormLabels, priceForms, procedureLabels, procedures } from '../../../shared/marches';
import { apiClient, call, errorMessage } from '../../api/client';
import { useMe } from '../../session/session';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { marchesKey } from './queries';

const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
const cents = (v: number | string) => (v === '' ? undefined : Math.round(Number(v) * 100));
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

interface ContractValues {
  reference: string;
  object: string;
  kind: string;
  procedure: string;
  cpvCode: string;
  buyerSiret: string;
  startsOn: string;
  durationMonths: number | string;
  estimateEuros: number | string;
  ccag: string;
  priceForm: string;
  lotTitle: string;
  lotHolderName: string;
  lotHolderSiret: string;
  lotMaxEuros: number | string;
}

const contractBody = (buyerOrganizationId: string) => (v: ContractValues) => ({
  reference: v.reference,
  object: v.object,
  kind: v.kind,
  procedure: v.procedure,
  cpvCode: v.cpvCode,
  buyerOrganizationId,
  buyerSiret: v.buyerSiret,
  startsOn: orNull(v.startsOn),
  durationMonths: v.durationMonths === '' ? undefined : Number(v.durationMonths),
  estimateCents: cents(v.estimateEuros),
  ccag: v.ccag,
  priceForm: v.priceForm,
  lots: [{ number: 1, title: v.lotTitle, holderName: orNull(v.lotHolderName), holderSiret: orNull(v.lotHolderSiret), maxAmountCents: v.lotMaxEuros === '' ? null : cents(v.lotMaxEuros) }],
});
const contractFieldOf = { estimateCents: 'estimateEuros', 'lots.0.title': 'lotTitle', 'lots.0.holderName': 'lotHolderName', 'lots.0.holderSiret': 'lotHolderSiret', 'lots.0.maxAmountCents': 'lotMaxEuros' };

/** A new contract with its first lot, checked by the operation's own schema (SIRET, CPV) field by field. */
export function NewContractForm() {
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const buyer = me.activeTenant?.id ?? '';
  const toBody = contractBody(buyer);
  const form = useForm<ContractValues>({
    initialValues: { reference: '', object: '', kind: 'framework-orders', procedure: 'open-tender', cpvCode: '', buyerSiret: '', startsOn: '', durationMonths: 48, estimateEuros: '', ccag: 'tic', priceForm: 'unit', lotTitle: '', lotHolderName: '', lotHolderSiret: '', lotMaxEuros: '' },
    validate: schemaValidator(createContractInput, toBody, contractFieldOf),
  });
  const create = useMutation({ mutationFn: (v: ContractValues) => call(apiClient.POST('/api/contracts', { body: toBody(v) as never })) });
  const submit = form.onSubmit((v) =>
    create.mutate(v, {
      onSuccess: (c) => {
        void client.invalidateQueries({ queryKey: marchesKey() });
        notifications.show({ color: 'teal', message: `Marché ${c.reference} créé.` });
        void navigate({ to: '/marches/$id', params: { id: c.id } });
      },
      onError: (e) => showServerIssues(form, e, contractFieldOf) || notifications.show({ color: 'red', title: 'Marché refusé', message: errorMessage(e) }),
    }),
  );
  return (
    <Card withBorder>
      <form onSubmit={submit} aria-label="Nouveau marché">
        <Stack>
          <Title order={2} size="h4">Nouveau marché et son premier lot</Title>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput label="Référence" required {...form.getInputProps('reference')} />
            <TextInput label="Objet" required {...form.getInputProps('object')} />
            <Select label="Type" data={options(contractKinds, contractKindLabels)} allowDeselect={false} {...form.getInputProps('kind')} />
            <Select label="Procédure" data={options(procedures, procedureLabels)} allowDeselect={false} {...form.getInputProps('procedure')} />
            <TextInput label="Code CPV" description="NNNNNNNN-N" required {...form.getInputProps('cpvCode')} />
            <TextInput label="SIRET de l’acheteur" required {...form.getInputProps('buyerSiret')} />
            <TextInput label="Début" type="date" {...form.getInputProps('startsOn')} />
            <NumberInput label="Durée (mois)" required {...form.getInputProps('durationMonths')} />
            <NumberInput label="Estimation (€ HT)" required decimalScale={2} {...form.getInputProps('estimateEuros')} />
            <Select label="CCAG" data={options(ccags, ccagLabels)} allowDeselect={false} {...form.getInputProps('ccag')} />
            <Select label="Forme des prix" data={options(priceForms, priceFormLabels)} allowDeselect={false} {...form.getInputProps('priceForm')} />
          </SimpleGrid>
          <Title order={3} size="h5">Lot n° 1</Title>
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <TextInput label="Intitulé du lot" required {...form.getInputProps('lotTitle')} />
            <TextInput label="Titulaire" {...form.getInputProps('lotHolderName')} />
            <TextInput label="SIRET du titulaire" {...form.getInputProps('lotHolderSiret')} />
            <NumberInput label="Maximum du lot (€ HT)" decimalScale={2} {...form.getInputProps('lotMaxEuros')} />
          </SimpleGrid>
          <Group><Button type="submit" loading={create.isPending}>Créer le marché</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}

interface AmendmentValues {
  signedOn: string;
  object: string;
  lotId: string;
  maxEuros: number | string;
}
const amendmentFieldOf = { 'lotCeilings.0.maxAmountCents': 'maxEuros', 'lotCeilings.0.lotId': 'lotId' };

/** An amendment appended to a contract; a ceiling lowered under what was ordered gets the server's French message on the field. */
export function AmendmentForm({ contractId, lots }: { contractId: string; lots: { id: string; number: number; title: string }[] }) {
  const client = useQueryClient();
  const toBody = (v: AmendmentValues) => ({ signedOn: v.signedOn, object: v.object, lotCeilings: v.lotId && v.maxEuros !== '' ? [{ lotId: v.lotId, maxAmountCents: cents(v.maxEuros) }] : [] });
  const form = useForm<AmendmentValues>({ initialValues: { signedOn: '', object: '', lotId: '', maxEuros: '' }, validate: schemaValidator(amendmentInput, toBody, amendmentFieldOf) });
  const add = useMutation({ mutationFn: (v: AmendmentValues) => call(apiClient.POST('/api/contracts/{id}/amendments', { params: { path: { id: contractId } }, body: toBody(v) as never })) });
  const submit = form.onSubmit((v) =>
    add.mutate(v, {
      onSuccess: (c) => {
        client.setQueryData(marchesKey('contract', contractId), c);
        notifications.show({ color: 'teal', message: 'Avenant ajouté.' });
        form.reset();
      },
      onError: (e) => showServerIssues(form, e, amendmentFieldOf) || form.setErrors({ maxEuros: errorMessage(e) }),
    }),
  );
  return (
    <Card withBorder>
      <form onSubmit={submit} aria-label="Nouvel avenant">
        <Stack>
          <Title order={2} size="h4">Ajouter un avenant</Title>
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <TextInput label="Signé le" type="date" required {...form.getInputProps('signedOn')} />
            <TextInput label="Objet de l’avenant" required {...form.getInputProps('object')} />
            <Select label="Lot dont le maximum change" clearable data={lots.map((l) => ({ value: l.id, label: `Lot ${l.number} : ${l.title}` }))} {...form.getInputProps('lotId')} />
            <NumberInput label="Nouveau maximum (€ HT)" decimalScale={2} {...form.getInputProps('maxEuros')} />
          </SimpleGrid>
          <Group><Button type="submit" loading={add.isPending}>Ajouter l’avenant</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}
