import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { maxExpertsAsked, requestOpinionsInput } from '../../../modules/campagnes/operations/opinions.input';
import { AccountsPicker, type Account } from './AccountsPicker';
import { formatNumber } from '../../labels';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { TablePagination } from '../../ui/TablePagination';
import { DossierExportButtons } from './DossierExportButtons';
import { DossiersTable } from './DossiersTable';
import { dossierStates, stateLabel, type DossierState } from './labels';
import { maxBulk, useBulk, useDossiers, type BulkAction, type BulkBody } from './queries';

const bulkLabels: Record<Exclude<BulkAction, 'message' | 'request-opinions'>, string> = {
  'start-review': 'Passer en instruction',
  accept: 'Accepter',
  refuse: 'Refuser',
  classify: 'Classer sans suite',
};

const done: Record<BulkAction, string> = { 'start-review': 'passé(s) en instruction', accept: 'accepté(s)', refuse: 'refusé(s)', classify: 'classé(s) sans suite', message: 'ont reçu le message', 'request-opinions': ': avis demandé(s)' };

/**
 * The campaign's files, one server page at a time, with a state filter and the bulk actions (all
 * or nothing, 500 files at most): the files chosen stay chosen from page to page, or the action
 * takes every file of the filter, beyond the page shown.
 */
export function CampaignDossiers(props: { campaignId: string; canInstruct: boolean; canExport?: boolean }) {
  const [state, setState] = useState<DossierState | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [wholeFilter, setWholeFilter] = useState(false);
  const [writing, setWriting] = useState(false);
  const [asking, setAsking] = useState(false);
  const list = useDossiers(props.campaignId, { state, page, pageSize });
  const bulk = useBulk(props.campaignId);
  const total = list.data?.total ?? 0;
  const count = wholeFilter ? total : selected.size;
  const clear = () => {
    setSelected(new Set());
    setWholeFilter(false);
  };
  const run = (action: BulkAction, extra: Partial<BulkBody> = {}, onDone?: () => void, onRefused?: (error: unknown) => boolean) =>
    bulk.mutate(
      { action, ...(wholeFilter ? { filter: state ? { state } : {} } : { ids: [...selected] }), ...extra },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'teal', message: `${r.count} dossier(s) ${done[action]}.` });
          clear();
          onDone?.();
        },
        onError: (error) => {
          if (!onRefused?.(error)) notifications.show({ color: 'red', title: 'Action groupée refusée', message: errorMessage(error) });
        },
      },
    );
  const togglePage = (ids: string[], on: boolean) => {
    setWholeFilter(false);
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  const pageIds = list.data?.items.map((d) => d.id) ?? [];
  const toggle = (id: string) => {
    // leaving the whole filter: the page's files stay chosen, but the one unticked
    if (wholeFilter) {
      setWholeFilter(false);
      return setSelected(new Set(pageIds.filter((x) => x !== id)));
    }
    togglePage([id], !selected.has(id));
  };
  const selection = props.canInstruct ? { selected: wholeFilter ? new Set(pageIds) : selected, onToggle: toggle, onTogglePage: togglePage } : undefined;
  return (
    <>
      <Group align="flex-end" gap="md" mb="md">
        <Select
          label="État"
          placeholder="Tous"
          clearable
          data={dossierStates.map((s) => ({ value: s, label: stateLabel(s) }))}
          value={state ?? null}
          onChange={(v) => {
            setState((v as DossierState) ?? undefined);
            setPage(1);
            clear();
          }}
        />
        {props.canExport && <DossierExportButtons campaignId={props.campaignId} filters={{ state }} />}
        {props.canInstruct && (
          <Group gap="xs" role="group" aria-label="Actions sur les dossiers choisis">
            {(Object.keys(bulkLabels) as (keyof typeof bulkLabels)[]).map((a) => (
              <Button key={a} variant="light" disabled={count === 0 || count > maxBulk} loading={bulk.isPending && bulk.variables?.action === a} onClick={() => run(a)}>
                {bulkLabels[a]}
              </Button>
            ))}
            <Button variant="light" disabled={count === 0 || count > maxBulk} onClick={() => setWriting(true)}>
              Écrire aux demandeurs
            </Button>
            <Button variant="light" disabled={count === 0 || count > maxBulk} onClick={() => setAsking(true)}>
              Demander des avis
            </Button>
          </Group>
        )}
      </Group>
      {props.canInstruct && (count > 0 || total > (list.data?.items.length ?? 0)) && (
        <Group gap="sm" mb="sm" role="status">
          <Text size="sm">
            {wholeFilter ? `Les ${formatNumber(total)} dossiers du filtre sont choisis, toutes pages comprises.` : `${formatNumber(selected.size)} dossier(s) choisi(s), toutes pages comprises.`}
          </Text>
          {!wholeFilter && total > 0 && (
            <Button size="compact-sm" variant="subtle" onClick={() => setWholeFilter(true)}>
              Choisir les {formatNumber(total)} dossiers du filtre
            </Button>
          )}
          {count > 0 && (
            <Button size="compact-sm" variant="subtle" color="gray" onClick={clear}>
              Tout désélectionner
            </Button>
          )}
        </Group>
      )}
      {count > maxBulk && (
        <Alert color="orange" mb="sm">
          Une action groupée porte sur {maxBulk} dossiers au plus : affinez le filtre ({formatNumber(count)} choisis).
        </Alert>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <>
          <DossiersTable
            items={list.data.items}
            caption={`Dossiers de la campagne${count ? ` (${formatNumber(count)} choisi${count > 1 ? 's' : ''})` : ''}`}
            captionId="dossiers-legende"
            busy={list.isFetching}
            selection={selection}
            empty="Aucun dossier ne correspond."
          />
          <TablePagination
            page={page}
            pageSize={pageSize}
            total={list.data.total}
            noun="dossier"
            onPage={setPage}
            onPageSize={(s) => {
              setPageSize(s);
              setPage(1);
            }}
            sizes={[25, 50, 100]}
          />
        </>
      )}
      {asking && (
        <BulkOpinions
          campaignId={props.campaignId}
          count={count}
          busy={bulk.isPending}
          onClose={() => setAsking(false)}
          onSend={(body, onRefused) => run('request-opinions', body, () => setAsking(false), onRefused)}
        />
      )}
      {writing && <BulkMessage count={count} busy={bulk.isPending} onClose={() => setWriting(false)} onSend={(message) => run('message', { message }, () => setWriting(false))} />}
    </>
  );
}

function BulkMessage(props: { count: number; busy: boolean; onClose: () => void; onSend: (message: string) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={props.onClose} title={`Écrire aux demandeurs de ${props.count} dossier(s)`}>
      <Stack gap="sm">
        <Textarea label="Message" description="Envoyé dans chaque dossier ; chaque demandeur en est averti dans l’application et par courriel." required autosize minRows={4} value={text} error={error} onChange={(e) => setText(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>Annuler</Button>
          <Button loading={props.busy} onClick={() => (text.trim() ? props.onSend(text.trim()) : setError('Écrivez le message.'))}>
            Envoyer
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface OpinionValues {
  experts: Account[];
  question: string;
}
const opinionBody = (v: OpinionValues) => ({ expertUserIds: v.experts.map((e) => e.id), question: v.question });
const opinionField = { expertUserIds: 'experts' };

/**
 * The instructor asks the same experts (anyone with an account: an académie inspector, a DRAAF
 * officer) for their opinion on every file chosen; each expert is told once per file, and those
 * already asked on a file are not asked again.
 */
function BulkOpinions(props: { campaignId: string; count: number; busy: boolean; onClose: () => void; onSend: (body: { expertUserIds: string[]; question: string }, onRefused: (error: unknown) => boolean) => void }) {
  const form = useForm<OpinionValues>({ initialValues: { experts: [], question: '' }, validate: schemaValidator(requestOpinionsInput, opinionBody, opinionField) });
  return (
    <Modal opened onClose={props.onClose} title={`Demander des avis sur ${props.count} dossier(s)`}>
      <form onSubmit={form.onSubmit((v) => props.onSend(opinionBody(v), (e) => showServerIssues(form, e, opinionField)))}>
        <Stack gap="sm">
          <AccountsPicker
            campaignId={props.campaignId}
            label="Experts"
            description={`Toute personne ayant un compte (${maxExpertsAsked} au plus) ; chacun est averti et ne voit que les dossiers dont on lui demande l’avis.`}
            required
            max={maxExpertsAsked}
            value={form.values.experts}
            onChange={(experts) => form.setFieldValue('experts', experts)}
            error={form.errors.experts as string | undefined}
          />
          <Textarea label="Question posée" autosize minRows={2} {...form.getInputProps('question')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>Annuler</Button>
            <Button type="submit" loading={props.busy}>Demander les avis</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
