import { Alert, Badge, Grid, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { isApiError } from '../../../api/client';
import { formatDateTime } from '../../../labels';
import { useCan, useMe } from '../../../session/session';
import { Facts } from '../../../ui/Facts';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { AttachmentsSection } from './AttachmentsSection';
import { PriorityBadge, TicketStatusBadge } from './badges';
import { FollowupsSection } from './FollowupsSection';
import { HistoryTimeline } from './HistoryTimeline';
import { statusLabels, type TicketStatus } from './labels';
import { ticketQuery, useAssignees } from './queries';
import { RatingSection, SolutionSection } from './RequesterAnswer';
import { SlaPanel } from './SlaPanel';
import { TasksSection } from './TasksSection';
import { TicketActions } from './TicketActions';
import type { TicketDetail } from './types';

const routeApi = getRouteApi('/app/guichet/$ticketId');

export function TicketPage() {
  return (
    <Guard permission="ticket.read">
      <TicketView />
    </Guard>
  );
}

function TicketView() {
  const { ticketId } = routeApi.useParams();
  const ticket = useQuery({ ...ticketQuery(ticketId), retry: (count, error) => !isApiError(error, 404) && !isApiError(error, 403) && count < 2 });
  if (ticket.error) {
    return (
      <>
        <PageHeader title={isApiError(ticket.error, 404) ? 'Ticket introuvable' : 'Ticket'} crumbs={[{ label: 'Guichet', to: '/guichet' }]} />
        <QueryError
          error={ticket.error}
          title={isApiError(ticket.error, 404) ? 'Ce ticket n’existe pas ou n’est pas dans votre périmètre' : undefined}
          retry={isApiError(ticket.error, 404) ? undefined : () => void ticket.refetch()}
        />
      </>
    );
  }
  if (!ticket.data) return <Loading label="Chargement du ticket…" />;
  return <TicketContent ticket={ticket.data} />;
}

function TicketContent({ ticket }: { ticket: TicketDetail }) {
  const me = useMe();
  const canSeeSchool = useCan('establishment.read');
  const canSeeDevices = useCan('asset.read');
  const desk = useCan('ticket.private.read');
  const people = useAssignees(useCan('ticket.handle') && ticket.assignedUserId !== null && ticket.assignedUserId !== me.user.id);
  const assigneeName = people.data?.items.find((p) => p.id === ticket.assignedUserId)?.displayName;
  const assignee = ticket.assignedUserId === null ? 'Personne' : ticket.assignedUserId === me.user.id ? 'Vous' : (assigneeName ?? 'Une personne de l’équipe');

  return (
    <>
      <PageHeader
        title={`Ticket n° ${ticket.number} — ${ticket.title}`}
        crumbs={[{ label: 'Guichet', to: '/guichet' }]}
        badge={
          <Group gap={6}>
            <TicketStatusBadge status={ticket.status} label={ticket.statusLabel} />
            <PriorityBadge priority={ticket.priority} label={ticket.priorityLabel} />
            <Badge variant="outline" color="gray" radius="sm">
              {ticket.typeLabel}
            </Badge>
            {ticket.problemFlag && (
              <Badge variant="outline" color="grape" radius="sm">
                Problème à investiguer
              </Badge>
            )}
          </Group>
        }
      />
      <Stack gap="md">
        {ticket.majorIncident && (
          <Alert color="grape" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Rattaché à un incident majeur">
            <AnchorLink to="/guichet/$ticketId" params={{ ticketId: ticket.majorIncident.id }}>
              n° {ticket.majorIncident.number} — {ticket.majorIncident.title}
            </AnchorLink>{' '}
            ({statusLabels[ticket.majorIncident.status as TicketStatus] ?? ticket.majorIncident.status}). Sa résolution résoudra ce ticket.
          </Alert>
        )}
        {ticket.status === 'waiting-requester' && !ticket.permissions.handle && ticket.permissions.comment && (
          <Alert color="yellow" variant="light" title="Le guichet attend votre réponse">
            Répondez à sa question par un suivi ci-dessous : le ticket lui reviendra aussitôt.
          </Alert>
        )}
        <TicketActions ticket={ticket} />
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="md">
              <Section title="Description" id="description">
                <Text style={{ whiteSpace: 'pre-wrap' }}>{ticket.description}</Text>
              </Section>
              <SolutionSection ticket={ticket} />
              <RatingSection ticket={ticket} />
              <FollowupsSection ticket={ticket} />
              {desk && <TasksSection ticket={ticket} />}
              <AttachmentsSection ticket={ticket} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="md">
              <SlaPanel ticket={ticket} />
              <Section title="Le ticket" id="fiche">
                <Facts
                  items={[
                    ['Référence', `n° ${ticket.number}`],
                    ['Priorité', `${ticket.priorityLabel} (urgence ${ticket.urgencyLabel.toLowerCase()}, impact ${ticket.impactLabel.toLowerCase()})`],
                    ['Catégorie', ticket.category?.label ?? 'À trier par le guichet'],
                    ['Organisation responsable', ticket.responsibleOrganization.name],
                    [
                      'Établissement',
                      canSeeSchool ? (
                        <AnchorLink to="/etablissements/$uai" params={{ uai: ticket.establishment.uai }}>
                          {ticket.establishment.name} ({ticket.establishment.uai})
                        </AnchorLink>
                      ) : (
                        `${ticket.establishment.name} (${ticket.establishment.uai})`
                      ),
                    ],
                    ['Salle', ticket.room ? (ticket.room.name ?? 'Salle supprimée') : 'Non précisée'],
                    ['Demandeur', [ticket.requester.name, ticket.requester.contact].filter(Boolean).join(' — ')],
                    ['Canal', ticket.channelLabel],
                    ['Équipe', ticket.assignedTeam ? `${ticket.assignedTeam.name}${ticket.assignedTeam.organizationName ? ` (${ticket.assignedTeam.organizationName})` : ''}` : 'Aucune'],
                    ['Niveau', ticket.levelLabel],
                    ['Pris en charge par', assignee],
                    ['Ouvert le', formatDateTime(ticket.openedAt)],
                    ...(ticket.loggedAt !== ticket.openedAt ? ([['Saisi le', formatDateTime(ticket.loggedAt)]] as [string, string][]) : []),
                    ...(ticket.plannedFor ? ([['Intervention prévue le', formatDateTime(ticket.plannedFor)]] as [string, string][]) : []),
                    ...(ticket.solvedAt ? ([['Résolu le', formatDateTime(ticket.solvedAt)]] as [string, string][]) : []),
                    ...(ticket.closedAt ? ([['Clos le', formatDateTime(ticket.closedAt)]] as [string, string][]) : []),
                  ]}
                />
              </Section>
              <Section title={`Équipements (${ticket.assets.length})`} id="equipements">
                {ticket.assets.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Aucun équipement désigné.
                  </Text>
                ) : (
                  <List size="sm">
                    {ticket.assets.map((a) => (
                      <List.Item key={a.id}>
                        {canSeeDevices ? (
                          <AnchorLink to="/parc/$id" params={{ id: a.id }}>
                            {a.label}
                          </AnchorLink>
                        ) : (
                          a.label
                        )}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Section>
              {ticket.linkedTickets.total > 0 && (
                <Section title={`Tickets rattachés (${ticket.linkedTickets.total})`} id="rattaches">
                  <List size="sm">
                    {ticket.linkedTickets.items.map((c) => (
                      <List.Item key={c.id}>
                        <AnchorLink to="/guichet/$ticketId" params={{ ticketId: c.id }}>
                          n° {c.number} — {c.title}
                        </AnchorLink>{' '}
                        — {c.establishmentName} ({statusLabels[c.status as TicketStatus] ?? c.status})
                      </List.Item>
                    ))}
                  </List>
                  {ticket.linkedTickets.total > ticket.linkedTickets.items.length && (
                    <Text size="sm" c="dimmed">
                      et {ticket.linkedTickets.total - ticket.linkedTickets.items.length} autres
                    </Text>
                  )}
                </Section>
              )}
              <HistoryTimeline events={ticket.history} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
