import { Alert, Badge, Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { Facts } from '../../../ui/Facts';
import { Guard } from '../../../ui/Guard';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { Section } from '../../../ui/Section';
import { parisDay, parisWhen, stateColors, stateLabel } from '../labels';
import { DraftOrderForm } from './DraftOrderForm';
import { useProjectFile, useSaveProject, type ProjectBody } from './queries';

const routeApi = getRouteApi('/app/campagnes/projets/$id');
const classLabels: Record<string, string> = { tablet: 'Tablettes', 'mobile-cart': 'Classe mobile (chariot)' };

export function ProjectFilePage() {
  return (
    <Guard permission="dossier.read">
      <ProjectFile />
    </Guard>
  );
}

type File = NonNullable<ReturnType<typeof useProjectFile>['data']>;

function ProjectFile() {
  const { id } = routeApi.useParams();
  const file = useProjectFile(id);
  if (file.isPending) return <Loading />;
  if (file.isError) return <QueryError error={file.error} retry={() => void file.refetch()} />;
  const f = file.data;
  const p = f.project;
  return (
    <>
      <AnchorLink to="/campagnes/dossiers/$id" params={{ id: f.dossier.id }} size="sm">← Le dossier n° {f.dossier.number}</AnchorLink>
      <PageHeader title={`Projet pédagogique — ${f.school.name}`} subtitle={f.dossier.campaignTitle} badge={<Badge variant="light" color={stateColors[f.dossier.state] ?? 'gray'}>{stateLabel(f.dossier.state)}</Badge>} />
      <Stack gap="lg">
        <Section title="Le projet">
          {f.permissions.request ? (
            <ProjectForm file={f} />
          ) : p ? (
            <Facts
              items={[
                ['Projet', p.title],
                ['Équipement', `${classLabels[p.assetClass]} × ${p.quantity}`],
                ['Du', parisDay(p.startsOn)],
                ['Au', parisDay(p.endsOn)],
                ['Prêt au parc', p.lentAssetCount ? `${p.lentAssetCount} équipement(s) prêté(s) le ${parisWhen(p.lentAt)}` : 'Pas encore prêté (à l’acceptation)'],
                ['Commande', p.order ? `Bon ${p.order.reference} (brouillon)` : null],
              ]}
            />
          ) : (
            <Text c="dimmed">Le projet n’est pas encore décrit.</Text>
          )}
        </Section>
        {f.permissions.order && p ? (
          <Section title="Commander les équipements du projet">
            <DraftOrderForm kind="project" fileId={f.dossier.id} classes={[{ assetClass: p.assetClass, label: classLabels[p.assetClass], quantity: p.quantity }]} />
          </Section>
        ) : null}
      </Stack>
    </>
  );
}

/** Tablets or a cart, how many, for which dates (one term at least: the server says so in French otherwise). */
function ProjectForm({ file }: { file: File }) {
  const save = useSaveProject(file.dossier.id);
  const p = file.project;
  const [values, setValues] = useState<Omit<ProjectBody, 'version'>>({
    title: p?.title ?? '',
    assetClass: p?.assetClass ?? 'tablet',
    quantity: p?.quantity ?? 15,
    startsOn: p?.startsOn ?? '',
    endsOn: p?.endsOn ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof typeof values>(k: K, v: (typeof values)[K]) => setValues((x) => ({ ...x, [k]: v }));
  const submit = () =>
    save.mutate(
      { ...values, version: file.version },
      {
        onSuccess: () => {
          setError(null);
          notifications.show({ color: 'teal', message: 'Projet enregistré.' });
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  return (
    <Stack gap="sm">
      <TextInput label="Titre du projet" value={values.title} onChange={(e) => set('title', e.currentTarget.value)} required maxLength={200} />
      <Group grow>
        <Select label="Équipement" data={Object.entries(classLabels).map(([value, label]) => ({ value, label }))} value={values.assetClass} onChange={(v) => set('assetClass', (v ?? 'tablet') as ProjectBody['assetClass'])} allowDeselect={false} />
        <NumberInput label="Quantité" min={1} max={500} allowDecimal={false} value={values.quantity} onChange={(v) => set('quantity', typeof v === 'number' ? v : 1)} />
      </Group>
      <Group grow>
        <TextInput type="date" label="Début du projet" value={values.startsOn} onChange={(e) => set('startsOn', e.currentTarget.value)} required />
        <TextInput type="date" label="Fin du projet" description="Un trimestre au moins" value={values.endsOn} onChange={(e) => set('endsOn', e.currentTarget.value)} required />
      </Group>
      {error ? (
        <Alert color="red" title="Projet non enregistré">
          {error}
        </Alert>
      ) : null}
      <Group>
        <Button onClick={submit} loading={save.isPending}>
          Enregistrer le projet
        </Button>
      </Group>
    </Stack>
  );
}
