import { Text } from '@mantine/core';
import { plural } from '../../../shared/french';
import { AnchorLink } from '../../ui/links';
import type { FleetStats } from './types';

/**
 * What « not seen lately » leaves out: the devices no agent ever reported. « À jour » only when
 * none is late and none was never inventoried.
 */
export function InventoryFreshness({ stale, uai }: { stale: FleetStats['stale']; uai?: string }) {
  if (stale.count === 0 && stale.neverInventoried === 0) return <>inventaire automatique à jour</>;
  return (
    <>
      {stale.neverInventoried > 0 && (
        <Text component="span" size="xs" display="block">
          {plural(stale.neverInventoried, 'équipement jamais inventorié', 'équipements jamais inventoriés')}
        </Text>
      )}
      {stale.count > 0 && (
        <AnchorLink to="/parc" search={{ staleDays: stale.afterDays, uai }} size="xs">
          Voir ces équipements
        </AnchorLink>
      )}
    </>
  );
}
