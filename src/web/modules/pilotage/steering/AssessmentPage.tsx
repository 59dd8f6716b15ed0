import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { formatDate, formatDateTime, formatNumber, roomKindLabels } from '../../../labels';
import { Facts } from '../../../ui/Facts';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { ScrollRegion } from '../../../ui/ScrollRegion';
import { Section } from '../../../ui/Section';
import { isDrillable, metColor, metLabel, useAssessment, useAssessmentRecords, type Assessment, type DrillCode } from './queries';
import { AssessmentTrend } from './AssessmentTrend';

export function AssessmentPage() {
  return (
    <Guard permission="steering.read">
      <AssessmentView />
    </Guard>
  );
}

function AssessmentView() {
  const { uai } = useParams({ from: '/app/pilotage/etablissements/$uai' });
  const assessment = useAssessment(uai);
  const [open, setOpen] = useState<DrillCode | null>(null);
  if (assessment.error) return <QueryError error={assessment.error} retry={() => void assessment.refetch()} />;
  if (!assessment.data) return <Loading label="Calcul de l’évaluation…" />;
  const a = assessment.data;
  return (
    <>
      <PageHeader
        title={`Évaluation : ${a.establishment.name}`}
        subtitle={`${a.establishment.uai}${a.establishment.communeName ? `, ${a.establishment.communeName}` : ''} ; calculée le ${formatDateTime(a.computedAt)}.`}
        actions={<AnchorLink to="/pilotage">Retour au tableau de bord</AnchorLink>}
      />
      <Stack gap="lg">
        <Profile assessment={a} />
        {a.profile === null ? (
          <Paper withBorder p="lg" radius="md">
            <Text>Aucun profil cible ne s’applique à cet établissement : ses indicateurs ne peuvent pas être comparés à une cible.</Text>
          </Paper>
        ) : (
          <Indicators assessment={a} open={open} onOpen={setOpen} />
        )}
        <AssessmentTrend uai={a.establishment.uai} />
        {open && <Records uai={uai} code={open} label={a.indicators.find((i) => i.code === open)?.label ?? open} onClose={() => setOpen(null)} />}
      </Stack>
    </>
  );
}

function Profile({ assessment: a }: { assessment: Assessment }) {
  const s = a.establishment;
  const pupils = s.pupils === null ? 'inconnu' : `${formatNumber(s.pupils)}${s.pupilsEstimated ? ' (estimation)' : ''}`;
  return (
    <Section title="Profil" id="profil">
      <Facts
        items={[
          ['Profil cible', a.profile ? `${a.profile.name}, version ${a.profile.version}` : 'aucun'],
          ['Élèves', pupils],
          ['Secteur', s.sector === 'private' ? 'Privé' : 'Public'],
          ['Département', s.departmentCode ?? '—'],
          ['Unité territoriale', s.unitName ?? '—'],
          ['IPS', s.ips === null ? '—' : formatNumber(s.ips)],
          ['Milieu', s.rural === null ? 'inconnu' : s.rural ? 'rural' : 'urbain'],
          ['Éducation prioritaire', s.priorityEducation ?? 'non'],
        ]}
      />
      {s.pupilsEstimated && (
        <Badge color="orange" variant="light" mt="sm">
          estimation : effectif estimé, les indicateurs par élève sont approchés
        </Badge>
      )}
    </Section>
  );
}

const figure = (n: number | null, unit: string) => (n === null ? '—' : `${formatNumber(Math.round(n * 100) / 100)}${unit ? ` ${unit}` : ''}`);

function Indicators({ assessment: a, open, onOpen }: { assessment: Assessment; open: DrillCode | null; onOpen: (code: DrillCode) => void }) {
  return (
    <Section title="Indicateurs" id="indicateurs">
      <ScrollRegion label="Indicateurs de l’établissement">
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Indicateur</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Valeur
              </Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Cible
              </Table.Th>
              <Table.Th scope="col">Atteinte</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Écart
              </Table.Th>
              <Table.Th scope="col">Détail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.indicators.map((i) => {
              const code = i.code;
              return (
                <Table.Tr key={code}>
                  <Table.Th scope="row" fw={500}>
                    {i.label}
                    {a.establishment.pupilsEstimated && /pupil/.test(code) && i.value !== null && (
                      <Badge ml="xs" size="xs" color="orange" variant="light">
                        estimation
                      </Badge>
                    )}
                  </Table.Th>
                  <Table.Td style={{ textAlign: 'right' }}>{figure(i.value, i.unit)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{figure(i.target, i.unit)}</Table.Td>
                  <Table.Td>
                    <Badge color={metColor(i.met)} variant="light">
                      {metLabel(i.met)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{figure(i.gap, i.unit)}</Table.Td>
                  <Table.Td>
                    {isDrillable(code) ? (
                      <Button size="compact-sm" variant={open === code ? 'filled' : 'default'} aria-pressed={open === code} onClick={() => onOpen(code)} aria-label={`Enregistrements : ${i.label}`}>
                        Enregistrements
                      </Button>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </Section>
  );
}

function Records({ uai, code, label, onClose }: { uai: string; code: DrillCode; label: string; onClose: () => void }) {
  const records = useAssessmentRecords(uai, code);
  return (
    <Section
      title={`Enregistrements : ${label}`}
      id="enregistrements"
      actions={
        <Button size="compact-sm" variant="subtle" onClick={onClose}>
          Fermer
        </Button>
      }
    >
      {records.error ? (
        <QueryError error={records.error} retry={() => void records.refetch()} />
      ) : !records.data ? (
        <Loading label="Chargement des enregistrements…" />
      ) : records.data.kind === 'rooms' ? (
        <RecordTable
          caption="Salles d’enseignement sans Wi-Fi"
          columns={['Salle', 'Type', 'Bâtiment']}
          rows={records.data.rooms.map((r) => [r.name, roomKindLabels[r.kind] ?? r.kind, r.building])}
        />
      ) : (
        <RecordTable
          caption="Équipements comptés par l’indicateur"
          columns={['Équipement', 'Classe', 'Statut', 'Achat', 'Fin de garantie', 'Salle']}
          rows={records.data.devices.map((d) => [d.name ?? '(sans nom)', d.assetClass, d.status, d.purchaseDate ? formatDate(d.purchaseDate) : '—', d.warrantyEnd ? formatDate(d.warrantyEnd) : '—', d.room ?? '—'])}
        />
      )}
    </Section>
  );
}

function RecordTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: string[][] }) {
  if (rows.length === 0) return <Text c="dimmed">Aucun enregistrement derrière cet indicateur.</Text>;
  return (
    <ScrollRegion label={caption}>
      <Table captionSide="top" verticalSpacing={4} striped>
        <Table.Caption style={{ textAlign: 'left' }}>{`${caption} (${formatNumber(rows.length)})`}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            <Table.Tr key={r}>
              {row.map((cell, i) => (
                <Table.Td key={i}>{cell}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
