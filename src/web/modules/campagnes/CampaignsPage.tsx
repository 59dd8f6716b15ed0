import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useCan } from '../../session/session';
import { NewCampaignForm } from './NewCampaignForm';
import { Guard } from '../../ui/Guard';
import { AnchorLink, ButtonLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { campaignKindLabels, campaignStatusLabels, parisWhen } from './labels';
import { useCampaigns } from './queries';

export function CampaignsPage() {
  const manage = useCan('campaign.manage');
  const [creating, setCreating] = useState(false);
  return (
    <Guard permission="campaign.read">
      <PageHeader
        title="Campagnes"
        subtitle="Appels à projets, renouvellements, candidatures et aides aux familles."
        actions={
          <Group gap="sm">
            <ButtonLink to="/campagnes/simulateur" variant="light">Simulateur d’aide aux familles</ButtonLink>
            {manage && <Button onClick={() => setCreating(true)}>Nouvelle campagne</Button>}
          </Group>
        }
      />
      <Campaigns />
      {creating && <NewCampaignForm onClose={() => setCreating(false)} />}
    </Guard>
  );
}

function Campaigns() {
  const list = useCampaigns();
  if (list.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} retry={() => void list.refetch()} />;
  const items = list.data.items;
  return (
    <div className="table-scroll" role="region" aria-labelledby="campagnes-legende" tabIndex={0}>
      <Table striped highlightOnHover verticalSpacing="sm" miw={760} captionSide="top">
        <Table.Caption id="campagnes-legende" style={{ textAlign: 'left' }}>
          {items.length} campagne{items.length > 1 ? 's' : ''} visible{items.length > 1 ? 's' : ''}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Titre</Table.Th>
            <Table.Th scope="col">Type</Table.Th>
            <Table.Th scope="col">Ouverture</Table.Th>
            <Table.Th scope="col">Clôture</Table.Th>
            <Table.Th scope="col">Statut</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <AnchorLink to="/campagnes/$id" params={{ id: c.id }}>{c.title}</AnchorLink>
                <Text size="xs" c="dimmed">{c.code}</Text>
              </Table.Td>
              <Table.Td>{campaignKindLabels[c.kind] ?? c.kind}</Table.Td>
              <Table.Td>{parisWhen(c.opensAt)}</Table.Td>
              <Table.Td>{parisWhen(c.closesAt)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={c.open ? 'teal' : 'gray'}>
                  {campaignStatusLabels[c.status] ?? c.status}
                  {c.status === 'published' ? (c.open ? ' · ouverte' : ' · fermée') : ''}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>Aucune campagne visible.</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
