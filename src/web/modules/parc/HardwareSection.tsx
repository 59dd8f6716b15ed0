import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { formatNumber } from '../../labels';
import { Facts } from '../../ui/Facts';
import { Section } from '../../ui/Section';
import { formatCalendarDate, formatMegabytes } from './labels';
import type { AssetDetail, HardwareCpu } from './types';
import { ScrollRegion } from '../../ui/ScrollRegion';

const agentNames: Record<string, string> = { ocs: 'OCS Inventory', fusioninventory: 'FusionInventory', 'glpi-agent': 'GLPI Agent' };

function cpuText(cpu: HardwareCpu) {
  const details = [
    cpu.cores ? `${cpu.cores} cœur${cpu.cores > 1 ? 's' : ''}` : null,
    cpu.threads ? `${cpu.threads} fil${cpu.threads > 1 ? 's' : ''}` : null,
    cpu.speedMhz ? `${formatNumber(cpu.speedMhz)} MHz` : null,
  ].filter(Boolean);
  return `${cpu.name ?? cpu.manufacturer ?? 'Processeur'}${details.length ? ` (${details.join(', ')})` : ''}`;
}

/** What the agent reported: processor, memory, disks, network cards, BIOS, system. */
export function HardwareSection({ asset: a }: { asset: AssetDetail }) {
  const h = a.hardware ?? {};
  const cpus = h.cpus ?? [];
  const storages = h.storages ?? [];
  const networks = h.networks ?? [];
  const hasAgent = Boolean(a.hardware && Object.keys(a.hardware).length);
  return (
    <Section title="Matériel" id="materiel">
      {!hasAgent && a.memoryMb === null ? (
        <Text c="dimmed">Aucun inventaire automatique : le détail du matériel apparaîtra quand un agent aura envoyé un inventaire.</Text>
      ) : (
        <Stack gap="lg">
          <Facts
            items={[
              ['Processeur', cpus.length ? (cpus.length === 1 ? cpuText(cpus[0]) : `${cpus.length} × ${cpuText(cpus[0])}`) : null],
              ['Mémoire', a.memoryMb === null ? null : formatMegabytes(a.memoryMb)],
              ['Système d’exploitation', h.os ? [h.os.fullName ?? [h.os.name, h.os.version].filter(Boolean).join(' '), h.os.arch].filter(Boolean).join(' — ') : null],
              ['Noyau', h.os?.kernel ?? null],
              ['BIOS', h.bios ? [h.bios.vendor, h.bios.version, h.bios.date ? `du ${formatCalendarDate(h.bios.date) ?? h.bios.date}` : null].filter(Boolean).join(' ') || null : null],
              ['Châssis', h.chassisType ?? null],
              ['Adresses IP', h.ipAddresses?.length ? h.ipAddresses.join(', ') : null],
              [
                'Agent',
                h.agent
                  ? [agentNames[h.agent.source ?? ''] ?? h.agent.source, h.agent.version, h.agent.ranAt ? `exécuté le ${h.agent.ranAt}` : null].filter(Boolean).join(' — ')
                  : null,
              ],
            ]}
          />
          <div>
            <Title order={3} size="h5" mb="xs">
              Disques ({storages.length})
            </Title>
            {storages.length === 0 ? (
              <Text c="dimmed" size="sm">Aucun disque rapporté.</Text>
            ) : (
              <ScrollRegion label="Disques de l’équipement">
                <Table captionSide="top" verticalSpacing={6} miw={520}>
                  <Table.Caption className="visually-hidden">Disques de l’équipement</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Disque</Table.Th>
                      <Table.Th scope="col">Modèle</Table.Th>
                      <Table.Th scope="col" style={{ textAlign: 'right' }}>Capacité</Table.Th>
                      <Table.Th scope="col">N° de série</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {storages.map((s, i) => (
                      <Table.Tr key={`${s.name}-${i}`}>
                        <Table.Td>{s.name ?? '—'}{s.type ? ` (${s.type})` : ''}</Table.Td>
                        <Table.Td>{[s.manufacturer, s.model].filter(Boolean).join(' ') || '—'}</Table.Td>
                        <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatMegabytes(s.sizeMb)}</Table.Td>
                        <Table.Td ff="monospace">{s.serial ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            )}
          </div>
          <div>
            <Title order={3} size="h5" mb="xs">
              Cartes réseau ({networks.length})
            </Title>
            {networks.length === 0 ? (
              <Text c="dimmed" size="sm">Aucune carte réseau rapportée.</Text>
            ) : (
              <ScrollRegion label="Cartes réseau de l’équipement">
                <Table captionSide="top" verticalSpacing={6} miw={560}>
                  <Table.Caption className="visually-hidden">Cartes réseau de l’équipement</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Interface</Table.Th>
                      <Table.Th scope="col">Type</Table.Th>
                      <Table.Th scope="col">Adresse MAC</Table.Th>
                      <Table.Th scope="col">Adresses IP</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {networks.map((n, i) => (
                      <Table.Tr key={`${n.description}-${i}`}>
                        <Table.Td>
                          {n.description ?? '—'}{' '}
                          {n.virtual && (
                            <Badge size="sm" color="gray" variant="light" radius="sm">
                              Virtuelle
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{n.type ?? '—'}</Table.Td>
                        <Table.Td ff="monospace">{n.mac ?? '—'}</Table.Td>
                        <Table.Td style={{ wordBreak: 'break-all' }}>{n.ips?.length ? n.ips.join(', ') : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            )}
            {networks.some((n) => n.virtual) && (
              <Text size="xs" c="dimmed" mt={4}>
                Les interfaces virtuelles (pont, VPN, conteneur) ne servent pas à reconnaître la machine.
              </Text>
            )}
          </div>
        </Stack>
      )}
    </Section>
  );
}
