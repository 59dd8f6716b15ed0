import { Alert, Badge, Group, Table, Text } from '@mantine/core';
import { formatNumber } from '../../labels';
import { AnchorLink } from '../../ui/links';
import { Section } from '../../ui/Section';
import { StatusBadge } from './columns';
import { classLabel, formatCalendarDate, plural } from './labels';
import { ScrollRegion } from '../../ui/ScrollRegion';
import type { AssetDetail } from './types';

/**
 * Where the device stands beyond its school: the room and building, the loan it is on (to whom,
 * until when, overdue), the mobile cart that holds it, and, for a cart, what it holds.
 */
export function CartAndLoanSection({ asset }: { asset: AssetDetail }) {
  const isCart = asset.class === 'mobile-cart';
  if (!asset.loan && !asset.cart && !isCart && !asset.roomName) return null;
  return (
    <Section title={isCart ? 'Classe mobile : emplacement, prêt et contenu' : 'Emplacement et prêt'} id="emplacement">
      {asset.roomName && (
        <Text mb="xs">
          Salle <strong>{asset.roomName}</strong>
          {asset.buildingName ? `, bâtiment ${asset.buildingName}` : ''}
          {asset.establishmentName ? ` — ${asset.establishmentName}` : ''}
        </Text>
      )}
      {asset.cart && (
        <Text mb="xs">
          Rangé dans la classe mobile{' '}
          <AnchorLink to="/parc/$id" params={{ id: asset.cart.id }} fw={600}>
            {asset.cart.name ?? 'sans nom'}
          </AnchorLink>
        </Text>
      )}
      {asset.loan && (
        <Alert color={asset.loan.overdue ? 'red' : 'violet'} variant="light" mb="sm" title={asset.loan.overdue ? 'Prêt en retard' : 'Prêt en cours'}>
          Prêté à <strong>{asset.loan.borrower}</strong>
          {asset.loan.due ? ` jusqu’au ${formatCalendarDate(asset.loan.due)}` : ''}
          {asset.loan.overdue ? ' : la date de retour est passée.' : '.'}
        </Alert>
      )}
      {isCart &&
        (asset.contents.length === 0 ? (
          <Text c="dimmed">Cette classe mobile ne contient aucun équipement. Sélectionnez des équipements dans la liste du parc puis « Ranger dans une classe mobile ».</Text>
        ) : (
          <>
            <Group gap="xs" mb="xs">
              <Badge variant="light">
                {formatNumber(asset.contents.length)} {plural(asset.contents.length, 'équipement')}
              </Badge>
            </Group>
            <ScrollRegion label="Contenu de la classe mobile">
              <Table captionSide="top" striped miw={520}>
                <Table.Caption className="visually-hidden">Équipements rangés dans cette classe mobile</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Équipement</Table.Th>
                    <Table.Th scope="col">Type</Table.Th>
                    <Table.Th scope="col">N° de série</Table.Th>
                    <Table.Th scope="col">Statut</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {asset.contents.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        <AnchorLink to="/parc/$id" params={{ id: d.id }} fw={600}>
                          {d.name ?? d.serial ?? 'Sans nom'}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{classLabel(d.class)}</Table.Td>
                      <Table.Td>{d.serial ?? '—'}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={d.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </>
        ))}
    </Section>
  );
}
