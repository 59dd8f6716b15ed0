import { Badge, Button, Checkbox, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { membershipInput, subscriptionsInput } from '../../../../modules/pilotage/metropole/operations/catalogue.input';
import { apiClient, call, errorMessage } from '../../../api/client';
import { Disclosure } from '../../../ui/Disclosure';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { metropoleKey, statusLabels, usePartnerCommunes, type Catalogue, type PartnerCommune } from './queries';

const fail = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });

/** Every partner commune, answered or not: its answer in a cycle and, once joined, the services it takes « à la carte ». */
export function CommuneAnswers({ catalogue, subscribed }: { catalogue: Catalogue; subscribed: ReadonlyMap<string, string[]> }) {
  const communes = usePartnerCommunes(true);
  return (
    <Section title="Adhésions et souscriptions des communes" id="adhesions">
      {communes.error ? (
        <QueryError error={communes.error} retry={() => void communes.refetch()} />
      ) : !communes.data ? (
        <Loading />
      ) : communes.data.length === 0 ? (
        <Text c="dimmed">Aucune commune partenaire.</Text>
      ) : (
        <Stack gap="xs">
          {communes.data.map((c) => (
            <Disclosure
              key={c.communeId}
              summary={
                <>
                  {c.name}{' '}
                  <Badge variant="light" color={c.status === 'joined' ? 'teal' : 'gray'}>
                    {c.status ? (statusLabels[c.status] ?? c.status) : 'Sans réponse'}
                  </Badge>
                </>
              }
            >
              <MembershipForm commune={c} catalogue={catalogue} />
              {c.status === 'joined' && <SubscriptionsForm key={(subscribed.get(c.communeId) ?? []).join()} commune={c} catalogue={catalogue} current={subscribed.get(c.communeId) ?? []} />}
            </Disclosure>
          ))}
        </Stack>
      )}
    </Section>
  );
}

interface MembershipValues {
  inseeCode: string;
  cycleId: string;
  status: 'joined' | 'refused';
  costSplit: 'devices' | 'pupils';
}

function MembershipForm({ commune, catalogue }: { commune: PartnerCommune; catalogue: Catalogue }) {
  const queryClient = useQueryClient();
  const lastCycle = catalogue.cycles[catalogue.cycles.length - 1]?.id ?? '';
  const form = useForm<MembershipValues>({
    initialValues: {
      inseeCode: commune.inseeCode ?? '',
      cycleId: commune.cycleId ?? lastCycle,
      status: commune.status === 'refused' ? 'refused' : 'joined',
      costSplit: commune.costSplit === 'devices' ? 'devices' : 'pupils',
    },
    validate: schemaValidator(membershipInput, (v: MembershipValues) => v),
  });
  const save = useMutation({
    // the version read goes with the answer: a manager who saved in between makes this one a 409
    mutationFn: (v: MembershipValues) =>
      call(apiClient.PUT('/api/metropole/communes/{communeId}/membership', { params: { path: { communeId: commune.communeId } }, body: { ...v, version: commune.version ?? undefined } })),
    onSuccess: async (r) => {
      notifications.show({ color: 'teal', message: r.status === 'joined' ? `${commune.name} adhère : choisissez ses services.` : `Refus de ${commune.name} enregistré.` });
      await queryClient.invalidateQueries({ queryKey: metropoleKey() });
    },
    onError: (error) => showServerIssues(form, error) || fail(error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label={`Réponse de ${commune.name}`}>
      <Group align="flex-start" wrap="wrap" mt="xs">
        <TextInput label="Code INSEE" required maxLength={5} w={120} {...form.getInputProps('inseeCode')} />
        <NativeSelect label="Cycle" data={[{ value: '', label: 'Choisir…' }, ...catalogue.cycles.map((c) => ({ value: c.id, label: c.label }))]} w={200} {...form.getInputProps('cycleId')} />
        <Radio.Group label="Réponse" {...form.getInputProps('status')}>
          <Group mt={6}>
            <Radio value="joined" label="Adhère" />
            <Radio value="refused" label="Refuse" />
          </Group>
        </Radio.Group>
        <NativeSelect
          label="Répartition des coûts"
          data={[
            { value: 'devices', label: 'Par équipement' },
            { value: 'pupils', label: 'Par élève' },
          ]}
          w={170}
          {...form.getInputProps('costSplit')}
        />
        <Button type="submit" size="xs" mt={25} loading={save.isPending}>
          Enregistrer la réponse
        </Button>
      </Group>
    </form>
  );
}

/** The services a joined commune takes, replaced as a whole. */
function SubscriptionsForm({ commune, catalogue, current }: { commune: PartnerCommune; catalogue: Catalogue; current: string[] }) {
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { serviceIds: current }, validate: schemaValidator(subscriptionsInput, (v: { serviceIds: string[] }) => v) });
  const save = useMutation({
    mutationFn: (v: { serviceIds: string[] }) =>
      call(apiClient.PUT('/api/metropole/communes/{communeId}/subscriptions', { params: { path: { communeId: commune.communeId } }, body: { ...v, version: commune.version ?? undefined } })),
    onSuccess: async (r) => {
      notifications.show({ color: 'teal', message: `${commune.name} : ${r.serviceIds.length} service(s) souscrit(s).` });
      await queryClient.invalidateQueries({ queryKey: metropoleKey() });
    },
    onError: (error) => showServerIssues(form, error) || fail(error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label={`Services souscrits par ${commune.name}`}>
      <Checkbox.Group label="Services souscrits « à la carte »" mt="sm" {...form.getInputProps('serviceIds')}>
        <Group mt={6}>
          {catalogue.services.map((s) => (
            <Checkbox key={s.id} value={s.id} label={s.name} />
          ))}
        </Group>
      </Checkbox.Group>
      <Button type="submit" size="xs" mt="sm" loading={save.isPending}>
        Enregistrer les services
      </Button>
    </form>
  );
}
