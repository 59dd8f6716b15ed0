import { Alert, Badge, Box, Button, Group, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconArrowsRightLeft,
  IconCirclePlus,
  IconGitMerge,
  IconLink,
  IconLinkOff,
  IconPackage,
  IconPencil,
  IconTag,
  type Icon,
} from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { formatDateTime } from '../../labels';
import { AnchorLink } from '../../ui/links';
import { Section } from '../../ui/Section';
import { eventKindLabels, eventSourceLabels, matchKindLabels } from './labels';
import { useUndoMatch } from './queries';
import type { AssetDetail, AssetEvent } from './types';
import { ScrollRegion } from '../../ui/ScrollRegion';

const kindIcons: Record<string, Icon> = {
  install: IconPackage,
  move: IconArrowsRightLeft,
  add: IconCirclePlus,
  change: IconPencil,
  status: IconTag,
  link: IconLink,
  merge: IconGitMerge,
  unlink: IconLinkOff,
};
const kindColors: Record<string, string> = { install: 'teal', move: 'blue', add: 'teal', change: 'coherence', status: 'violet', link: 'gray', merge: 'grape', unlink: 'orange' };

/** IMAC history as a timeline, newest first: an ordered list, each line saying what, who, when and how. */
export function ImacTimeline({ history }: { history: AssetEvent[] }) {
  return (
    <Section title="Historique IMAC" id="historique">
      {history.length === 0 ? (
        <Text c="dimmed">Aucun événement enregistré.</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            Installations, déplacements, ajouts et modifications, du plus récent au plus ancien.
          </Text>
          <Stack component="ol" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Historique IMAC, du plus récent au plus ancien">
            {history.map((e, i) => {
              const KindIcon = kindIcons[e.kind] ?? IconPencil;
              const last = i === history.length - 1;
              return (
                <Box component="li" key={`${e.at}-${i}`} style={{ display: 'flex', gap: 12 }}>
                  <Box style={{ display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
                    <ThemeIcon size={32} radius="xl" variant="light" color={kindColors[e.kind] ?? 'gray'} aria-hidden>
                      <KindIcon size={18} />
                    </ThemeIcon>
                    {!last && <Box style={{ flex: 1, width: 2, minHeight: 16, background: 'var(--mantine-color-gray-3)' }} aria-hidden />}
                  </Box>
                  <Box pb={last ? 0 : 'md'} style={{ flex: 1, minWidth: 0 }}>
                    <Group gap={6} wrap="wrap">
                      <Text fw={600} size="sm">
                        {eventKindLabels[e.kind] ?? e.kind}
                      </Text>
                      <Badge size="sm" variant="light" color="gray" radius="sm">
                        {eventSourceLabels[e.source] ?? e.source}
                      </Badge>
                    </Group>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {e.summary}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <time dateTime={e.at}>{formatDateTime(e.at)}</time> — {e.actorLabel}
                    </Text>
                  </Box>
                </Box>
              );
            })}
          </Stack>
          {history.length >= 200 && (
            <Text size="xs" c="dimmed" mt="sm">
              Seuls les 200 derniers événements sont affichés.
            </Text>
          )}
        </>
      )}
    </Section>
  );
}

/** Why reports were attached to this device (or two records merged), with the undo. */
export function MatchesSection({ asset }: { asset: AssetDetail }) {
  const undo = useUndoMatch(asset.id);
  const canUndo = asset.permissions.update;
  const [restoredId, setRestoredId] = useState<string | null>(null);
  const run = async (matchId: number, kind: string) => {
    const what = kind === 'merge' ? 'Annuler cette fusion ? La fiche absorbée sera rétablie.' : 'Annuler ce rapprochement ? L’agent sera détaché de cet équipement ; son prochain inventaire créera une nouvelle fiche.';
    if (!window.confirm(what)) return;
    try {
      const result = await undo.mutateAsync(matchId);
      setRestoredId(result.restoredId);
      notifications.show({ color: 'teal', message: result.restoredId ? 'Fusion annulée : la fiche absorbée est rétablie.' : 'Rapprochement annulé.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Annulation impossible', message: errorMessage(error), autoClose: 10_000 });
    }
  };

  return (
    <Section title="Rapprochements" id="rapprochements">
      {restoredId && (
        <Alert color="teal" variant="light" mb="sm">
          La fiche absorbée est rétablie :{' '}
          <AnchorLink to="/parc/$id" params={{ id: restoredId }}>
            ouvrir la fiche rétablie
          </AnchorLink>
          .
        </Alert>
      )}
      {asset.matches.length === 0 ? (
        <Text c="dimmed">
          Aucun rapprochement : cette fiche n’a été ni rattachée à un rapport d’agent existant ni fusionnée avec une autre.
        </Text>
      ) : (
        <ScrollRegion label="Rapprochements de cette fiche">
          <Table captionSide="top" verticalSpacing="sm" miw={480}>
            <Table.Caption className="visually-hidden">Rapprochements de cette fiche, du plus récent au plus ancien</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Raison</Table.Th>
                <Table.Th scope="col">État</Table.Th>
                {canUndo && (
                  <Table.Th scope="col">
                    <span className="visually-hidden">Action</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {asset.matches.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.at)}</Table.Td>
                  <Table.Td>{matchKindLabels[m.kind] ?? m.kind}</Table.Td>
                  <Table.Td>{m.reason}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={m.undone ? 'gray' : 'teal'} radius="sm">
                      {m.undone ? 'Annulé' : 'Actif'}
                    </Badge>
                  </Table.Td>
                  {canUndo && (
                    <Table.Td>
                      {!m.undone && (
                        <Button
                          size="xs"
                          variant="default"
                          leftSection={<IconArrowBackUp size={14} aria-hidden />}
                          loading={undo.isPending && undo.variables === m.id}
                          onClick={() => void run(m.id, m.kind)}
                        >
                          Annuler ce rapprochement
                          <span className="visually-hidden"> du {formatDateTime(m.at)}</span>
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Section>
  );
}
