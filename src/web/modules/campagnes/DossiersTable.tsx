import { Badge, Checkbox, Table, Text } from '@mantine/core';
import { AnchorLink } from '../../ui/links';
import { campaignKindLabels, parisWhen, stateColors, stateLabel } from './labels';

/** A file as the lists show it: a campaign's list has its applicant, a school's list its campaign. */
export interface DossierRowData {
  id: string;
  number: number;
  state: string;
  applicantLabel?: string;
  correction?: unknown;
  submittedAt: string | null;
  decidedAt: string | null;
  campaign?: { id: string; title: string; kind: string };
}

/** Files chosen for a bulk action: kept from page to page. */
export interface DossierSelection {
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onTogglePage: (ids: string[], on: boolean) => void;
}

/**
 * The rows of files, one server page: a campaign's files (with the applicant, and the choice
 * boxes of the bulk actions) or a school's files across campaigns (with each one's campaign).
 */
export function DossiersTable(props: { items: DossierRowData[]; caption: string; captionId: string; busy?: boolean; campaignColumn?: boolean; selection?: DossierSelection; empty: string }) {
  const { items, selection } = props;
  const applicant = !props.campaignColumn;
  const allChecked = !!selection && items.length > 0 && items.every((d) => selection.selected.has(d.id));
  const columns = 4 + (selection ? 1 : 0) + (props.campaignColumn ? 2 : 0) + (applicant ? 1 : 0);
  return (
    <div className="table-scroll" role="region" aria-labelledby={props.captionId} tabIndex={0}>
      <Table striped highlightOnHover verticalSpacing="sm" miw={720} captionSide="top" aria-busy={props.busy}>
        <Table.Caption id={props.captionId} style={{ textAlign: 'left' }}>
          {props.caption}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th scope="col" w={40}>
                <Checkbox aria-label="Choisir tous les dossiers de la page" checked={allChecked} onChange={() => selection.onTogglePage(items.map((d) => d.id), !allChecked)} />
              </Table.Th>
            )}
            <Table.Th scope="col">N°</Table.Th>
            {props.campaignColumn && (
              <>
                <Table.Th scope="col">Campagne</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
              </>
            )}
            {applicant && <Table.Th scope="col">Demandeur</Table.Th>}
            <Table.Th scope="col">État</Table.Th>
            <Table.Th scope="col">Déposé le</Table.Th>
            <Table.Th scope="col">Décidé le</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id}>
              {selection && (
                <Table.Td>
                  <Checkbox aria-label={`Choisir le dossier n° ${d.number}`} checked={selection.selected.has(d.id)} onChange={() => selection.onToggle(d.id)} />
                </Table.Td>
              )}
              <Table.Td>
                <AnchorLink to="/campagnes/dossiers/$id" params={{ id: d.id }}>n° {d.number}</AnchorLink>
              </Table.Td>
              {props.campaignColumn && (
                <>
                  <Table.Td>{d.campaign ? <AnchorLink to="/campagnes/$id" params={{ id: d.campaign.id }}>{d.campaign.title}</AnchorLink> : '—'}</Table.Td>
                  <Table.Td>{d.campaign ? (campaignKindLabels[d.campaign.kind] ?? d.campaign.kind) : '—'}</Table.Td>
                </>
              )}
              {applicant && <Table.Td>{d.applicantLabel}</Table.Td>}
              <Table.Td>
                <Badge variant="light" color={stateColors[d.state] ?? 'gray'}>{stateLabel(d.state)}</Badge>
                {d.correction ? <Badge variant="outline" color="orange" ml={4}>correction demandée</Badge> : null}
              </Table.Td>
              <Table.Td>{parisWhen(d.submittedAt)}</Table.Td>
              <Table.Td>{parisWhen(d.decidedAt)}</Table.Td>
            </Table.Tr>
          ))}
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns}>
                <Text size="sm">{props.empty}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
