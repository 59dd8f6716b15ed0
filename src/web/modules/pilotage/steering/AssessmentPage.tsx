import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { formatDate, formatDateTime, formatNumber, roomKindLabels } from '../../../labels';
import { Facts } from '../../../ui/Facts';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { SimpleTable } from '../../../ui/SimpleTable';
import { ExportButtons } from '../../../ui/ExportButtons';
import { useCan } from '../../../session/session';
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
      <SimpleTable
        caption="Chaque indicateur de l’établissement face à la cible de son profil"
        scrollLabel="Indicateurs de l’établissement"
        columns={['Indicateur', { label: 'Valeur', numeric: true }, { label: 'Cible', numeric: true }, 'Atteinte', { label: 'Écart', numeric: true }, 'Détail']}
        rows={a.indicators.map((i) => ({
          key: i.code,
          cells: [
            <>
              {i.label}
              {a.establishment.pupilsEstimated && /pupil/.test(i.code) && i.value !== null && (
                <Badge ml="xs" size="xs" color="orange" variant="light">
                  estimation
                </Badge>
              )}
            </>,
            figure(i.value, i.unit),
            figure(i.target, i.unit),
            <Badge color={metColor(i.met)} variant="light">
              {metLabel(i.met)}
            </Badge>,
            figure(i.gap, i.unit),
            isDrillable(i.code) ? (
              <Button size="compact-sm" variant={open === i.code ? 'filled' : 'default'} aria-pressed={open === i.code} onClick={() => onOpen(i.code as DrillCode)} aria-label={`Enregistrements : ${i.label}`}>
                Enregistrements
              </Button>
            ) : (
              '—'
            ),
          ],
        }))}
      />
    </Section>
  );
}

function Records({ uai, code, label, onClose }: { uai: string; code: DrillCode; label: string; onClose: () => void }) {
  const records = useAssessmentRecords(uai, code);
  const canExport = useCan('steering.export');
  return (
    <Section
      title={`Enregistrements : ${label}`}
      id="enregistrements"
      actions={
        <Group gap="xs">
          {canExport && <ExportButtons path={`/establishments/${encodeURIComponent(uai)}/assessment/${code}/records/export`} filters={{}} basename={`evaluation-${uai.toLowerCase()}-${code.replaceAll('_', '-')}`} />}
          <Button size="compact-sm" variant="subtle" onClick={onClose}>
            Fermer
          </Button>
        </Group>
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

/** The records as a table (the first column heads each row), the way every steering table is drawn. */
function RecordTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: string[][] }) {
  if (rows.length === 0) return <Text c="dimmed">Aucun enregistrement derrière cet indicateur.</Text>;
  return <SimpleTable caption={`${caption} (${formatNumber(rows.length)})`} scrollLabel={caption} columns={columns} rows={rows} />;
}
