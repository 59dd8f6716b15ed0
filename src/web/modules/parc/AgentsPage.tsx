import { Code, Stack, Text } from '@mantine/core';
import { Guard } from '../../ui/Guard';
import { PageHeader } from '../../ui/PageHeader';
import { AgentCredentialsSection } from './AgentCredentialsSection';
import { InventorySettingsSection } from './InventorySettingsForm';
import { UnassignedSection } from './UnassignedSection';

export function AgentsPage() {
  return (
    <Guard permission="inventory.manage">
      <PageHeader
        title="Agents d’inventaire"
        subtitle={
          <Text span>
            Les agents FusionInventory, GLPI Agent et OCS Inventory envoient leur inventaire à{' '}
            <Code>{window.location.origin}/api/v1/inventory</Code> (GLPI Agent), <Code>/front/inventory.php</Code> (FusionInventory) ou{' '}
            <Code>/ocsinventory</Code> (OCS), avec des identifiants ci-dessous, une étiquette (UAI) ou depuis un réseau déclaré.
          </Text>
        }
      />
      <Stack gap="lg">
        <UnassignedSection />
        <AgentCredentialsSection />
        <InventorySettingsSection />
      </Stack>
    </Guard>
  );
}
