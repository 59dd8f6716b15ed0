import { Button, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { agreementKindLabels, agreementKinds, createAgreementInput, updateAgreementInput } from '../../../../modules/pilotage/governance/operations/agreement.input';
import { apiClient, call, errorMessage } from '../../../api/client';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { SchoolSelect } from '../../../ui/SchoolSelect';
import { establishmentQuery } from '../../establishments/queries';
import { governanceKey, usePartners, type Agreement } from './queries';

type Kind = (typeof agreementKinds)[number];
interface Values {
  kind: Kind;
  title: string;
  academyId: string;
  establishmentUai: string | null;
  establishmentId: string | null;
  validFrom: string;
  validTo: string;
  commitments: { party: 'a' | 'b'; text: string }[];
  targetPercent: number | string;
}

const withAcademy = (kind: Kind) => kind !== 'authority-establishment';
const withSchool = (kind: Kind) => kind.endsWith('-establishment');

/** Which organization is party A and B for each kind: the authority itself, the académie chosen, or a school. */
const toAgreement = (selfId: string) => (v: Values) => {
  const academy = v.academyId || 'à choisir';
  const [partyAId, partyBId] = v.kind === 'framework' ? [selfId, academy] : v.kind === 'authority-establishment' ? [selfId, null] : v.kind === 'academy-authority' ? [academy, selfId] : [academy, null];
  const target = typeof v.targetPercent === 'number' ? v.targetPercent / 100 : null;
  return {
    kind: v.kind,
    title: v.title,
    partyAId,
    partyBId,
    establishmentId: withSchool(v.kind) ? (v.establishmentId ?? 'à choisir') : null,
    validFrom: v.validFrom,
    validTo: v.validTo || null,
    commitments: v.commitments,
    serviceLevels: target === null ? [] : [{ indicator: 'resolve_within_rate' as const, target }],
  };
};

/** The body's fields on the form's: both parties are picked as « the académie », the school by its UAI, the target in percent. */
const fieldOf = (path: string) =>
  path === 'partyAId' || path === 'partyBId' ? 'academyId' : path === 'establishmentId' ? 'establishmentUai' : path.startsWith('serviceLevels') ? 'targetPercent' : path;

const initial = (a?: Agreement): Values =>
  a
    ? {
        kind: a.kind as Kind,
        title: a.title,
        academyId: a.kind === 'framework' ? (a.partyB?.id ?? '') : a.kind.startsWith('academy-') ? a.partyA.id : '',
        establishmentUai: a.establishment?.uai ?? null,
        establishmentId: a.establishment?.id ?? null,
        validFrom: a.validFrom,
        validTo: a.validTo ?? '',
        commitments: a.commitments.map((c) => ({ party: c.party === 'b' ? 'b' : 'a', text: c.text })),
        targetPercent: a.serviceLevels[0] ? Math.round(a.serviceLevels[0].target * 1000) / 10 : '',
      }
    : { kind: 'framework', title: '', academyId: '', establishmentUai: null, establishmentId: null, validFrom: '', validTo: '', commitments: [{ party: 'a', text: '' }], targetPercent: 90 };

/** Creates an agreement (no `agreement`) or rewrites one with the version read: parties, dates, commitments, service level. */
export function AgreementForm({ agreement, onDone }: { agreement?: Agreement; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const partners = usePartners();
  const selfId = partners.data?.find((p) => p.self)?.id ?? '';
  const academies = (partners.data ?? []).filter((p) => p.kind === 'academie');
  const body = (v: Values) => ({ ...toAgreement(selfId)(v), ...(agreement ? { version: agreement.version } : {}) });
  const form = useForm<Values>({ initialValues: initial(agreement), validate: schemaValidator(agreement ? updateAgreementInput : createAgreementInput, body, fieldOf) });
  const save = useMutation({
    mutationFn: (v: Values): Promise<unknown> =>
      agreement
        ? call(apiClient.PUT('/api/governance/agreements/{id}', { params: { path: { id: agreement.id } }, body: { ...toAgreement(selfId)(v), version: agreement.version } }))
        : call(apiClient.POST('/api/governance/agreements', { body: toAgreement(selfId)(v) })),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: agreement ? 'Convention modifiée.' : 'Convention créée.' });
      if (!agreement) form.reset();
      await queryClient.invalidateQueries({ queryKey: governanceKey() });
      onDone?.();
    },
    onError: (error) => showServerIssues(form, error, fieldOf) || notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const pickSchool = async (uai: string | null) => {
    form.setFieldValue('establishmentUai', uai);
    form.setFieldValue('establishmentId', uai ? (await queryClient.fetchQuery(establishmentQuery(uai))).id : null);
  };
  const kind = form.values.kind;
  const partyName = (party: 'a' | 'b') => {
    const [a, b] = kind === 'academy-authority' ? ['L’académie', 'La collectivité'] : kind === 'academy-establishment' ? ['L’académie', 'L’établissement'] : kind === 'framework' ? ['La collectivité', 'L’académie'] : ['La collectivité', 'L’établissement'];
    return party === 'a' ? a : b;
  };
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label={agreement ? `Modifier la convention ${agreement.title}` : 'Nouvelle convention'}>
      <Stack gap="xs" mt="xs">
        <Group align="flex-start" wrap="wrap">
          <NativeSelect label="Type de convention" data={agreementKinds.map((k) => ({ value: k, label: agreementKindLabels[k] }))} w={250} {...form.getInputProps('kind')} />
          <TextInput label="Intitulé" required maxLength={200} style={{ flex: 1, minWidth: 240 }} {...form.getInputProps('title')} />
        </Group>
        <Group align="flex-start" wrap="wrap">
          {withAcademy(kind) && (
            <NativeSelect label="Académie" required data={[{ value: '', label: 'Choisir…' }, ...academies.map((p) => ({ value: p.id, label: p.name }))]} w={260} {...form.getInputProps('academyId')} />
          )}
          {withSchool(kind) && (
            <div style={{ minWidth: 320 }}>
              <SchoolSelect label="Établissement signataire" required value={form.values.establishmentUai} onChange={(uai) => void pickSchool(uai)} error={form.errors.establishmentUai as string | undefined} />
            </div>
          )}
          <TextInput type="date" label="En vigueur du" required w={170} {...form.getInputProps('validFrom')} />
          <TextInput type="date" label="Jusqu’au (facultatif)" w={170} {...form.getInputProps('validTo')} />
          <NumberInput label="Tickets résolus dans les délais (cible, %)" min={0} max={100} decimalScale={1} w={280} {...form.getInputProps('targetPercent')} />
        </Group>
        <Text fw={600} size="sm">
          Engagements
        </Text>
        {form.values.commitments.map((_, i) => (
          <Group key={i} align="flex-start" wrap="wrap">
            <NativeSelect label={`Partie engagée ${i + 1}`} data={(['a', 'b'] as const).map((p) => ({ value: p, label: partyName(p) }))} w={200} {...form.getInputProps(`commitments.${i}.party`)} />
            <TextInput label={`Engagement ${i + 1}`} maxLength={500} style={{ flex: 1, minWidth: 260 }} {...form.getInputProps(`commitments.${i}.text`)} />
            {form.values.commitments.length > 1 && (
              <Button variant="subtle" color="red" mt={25} onClick={() => form.removeListItem('commitments', i)} aria-label={`Retirer l’engagement ${i + 1}`}>
                Retirer
              </Button>
            )}
          </Group>
        ))}
        {typeof form.errors.commitments === 'string' && (
          <Text size="sm" c="red.8" role="alert">
            {form.errors.commitments}
          </Text>
        )}
        <Group>
          <Button variant="default" size="xs" onClick={() => form.insertListItem('commitments', { party: 'a', text: '' })} disabled={form.values.commitments.length >= 50}>
            Ajouter un engagement
          </Button>
          <Button type="submit" size="xs" loading={save.isPending} disabled={!selfId}>
            {agreement ? 'Enregistrer la convention' : 'Créer la convention'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
