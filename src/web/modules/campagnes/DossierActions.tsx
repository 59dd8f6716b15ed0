import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../api/client';
import type { Dossier } from './DossierPage';
import { useDossierMove, type DossierMove } from './queries';

type Ask = 'accepte' | 'refuse' | 'classe_sans_suite' | 'correction' | 'reopen';

const askTitles: Record<Ask, string> = {
  accepte: 'Accepter le dossier',
  refuse: 'Refuser le dossier',
  classe_sans_suite: 'Classer le dossier sans suite',
  correction: 'Demander une correction',
  reopen: 'Rouvrir le dossier',
};

const correctionReasons = [
  { value: 'incorrect', label: 'Informations incorrectes' },
  { value: 'incomplete', label: 'Dossier incomplet' },
  { value: 'outdated', label: 'Pièces périmées' },
];

/** The moves the API allows on this file now (its permissions), each sent with the version read. */
export function DossierActions({ dossier }: { dossier: Dossier }) {
  const move = useDossierMove(dossier.id);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const p = dossier.permissions;
  const run = (m: DossierMove, onDone?: () => void) =>
    move.mutate(
      { version: dossier.version, move: m },
      {
        onSuccess: () => {
          setConflict(null);
          onDone?.();
          notifications.show({ color: 'teal', message: 'Dossier mis à jour.' });
        },
        onError: (e) => {
          if (isApiError(e, 409)) setConflict(errorMessage(e));
          notifications.show({ color: 'red', title: isApiError(e, 409) ? 'Le dossier a changé ou son état ne le permet pas' : 'Action refusée', message: errorMessage(e) });
        },
      },
    );
  if (!p.startReview && !p.decide && !p.requestCorrection && !p.reopen) return null;
  return (
    <Stack gap="sm" mt="md">
      {conflict && (
        <Alert color="orange" title="Conflit (409)">
          {conflict} Rechargez la page pour voir la dernière version.
        </Alert>
      )}
      <Group gap="xs" role="group" aria-label="Actions sur le dossier">
        {p.startReview && <Button onClick={() => run({ kind: 'review' })} loading={move.isPending}>Passer en instruction</Button>}
        {p.decide && (
          <>
            <Button color="teal" onClick={() => setAsk('accepte')}>Accepter</Button>
            <Button color="red" onClick={() => setAsk('refuse')}>Refuser</Button>
            <Button variant="light" color="gray" onClick={() => setAsk('classe_sans_suite')}>Classer sans suite</Button>
          </>
        )}
        {p.requestCorrection && <Button variant="light" onClick={() => setAsk('correction')}>Demander une correction</Button>}
        {p.reopen && <Button variant="light" onClick={() => setAsk('reopen')}>Rouvrir</Button>}
      </Group>
      {ask && <AskModal ask={ask} busy={move.isPending} onClose={() => setAsk(null)} onSend={(m) => run(m, () => setAsk(null))} />}
    </Stack>
  );
}

function AskModal(props: { ask: Ask; busy: boolean; onClose: () => void; onSend: (m: DossierMove) => void }) {
  const [text, setText] = useState('');
  const [reason, setReason] = useState<string | null>('incomplete');
  const [error, setError] = useState<string | null>(null);
  const needsText = props.ask === 'correction' || props.ask === 'reopen';
  const submit = () => {
    if (needsText && text.trim().length < 3) return setError(props.ask === 'reopen' ? 'Indiquez pourquoi vous rouvrez le dossier.' : 'Expliquez au demandeur ce qu’il doit corriger.');
    if (props.ask === 'correction') return props.onSend({ kind: 'correction', reason: (reason ?? 'incomplete') as 'incomplete', comment: text });
    if (props.ask === 'reopen') return props.onSend({ kind: 'reopen', reason: text });
    props.onSend({ kind: 'decision', decision: props.ask, motivation: text.trim() || undefined });
  };
  return (
    <Modal opened onClose={props.onClose} title={askTitles[props.ask]}>
      <Stack gap="sm">
        {props.ask === 'correction' && <Select label="Motif" data={correctionReasons} value={reason} onChange={setReason} allowDeselect={false} />}
        <Textarea
          label={props.ask === 'correction' ? 'Ce que le demandeur doit corriger' : props.ask === 'reopen' ? 'Motif de la réouverture' : 'Motivation (facultative)'}
          required={needsText}
          autosize
          minRows={3}
          value={text}
          error={error}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>Annuler</Button>
          <Button onClick={submit} loading={props.busy}>Confirmer</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
