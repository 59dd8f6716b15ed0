import { Alert, Anchor, Badge, Button, Checkbox, Group, List, NumberInput, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Navigate } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { z } from 'zod';
import { errorMessage, isApiError } from '../../../api/client';
import { Facts } from '../../../ui/Facts';
import { FilePicker } from '../../../ui/FilePicker';
import { showServerIssues } from '../../../ui/form';
import { AnchorLink } from '../../../ui/links';
import { Loading } from '../../../ui/Loading';
import { uploadWithProgress } from '../../../ui/upload';
import { usePageTitle } from '../../../ui/usePageTitle';
import { AidSchedule } from '../AidSchedule';
import { euros, parisWhen, stateColors, stateLabel } from '../labels';
import { FamilyFrame } from './FamilyFrame';
import { useOwnFile, useSaveFile, useSubmitFile, type FamilyFile } from './family-api';

const routeApi = getRouteApi('/famille/$authority/dossiers/$id');

const optionalText = (max: number) => z.string().trim().max(max, `${max} caractères au plus.`);

// the server's rules (update-aid-file.ts), with the income typed in euros as on the tax notice
const fileSchema = z.object({
  pupilFirstName: optionalText(100),
  pupilLastName: optionalText(100),
  pupilClass: optionalText(50),
  uai: z.string().trim().toUpperCase().regex(/^(\d{7}[A-Z])?$/, 'UAI : 7 chiffres et une lettre (sur le certificat de scolarité).'),
  device: z.string(),
  incomeEuros: z.union([z.number().min(0, 'Le revenu fiscal de référence ne peut pas être négatif.'), z.literal('')]),
  instalments: z.number({ error: 'Indiquez le nombre de mensualités.' }).int('Un nombre entier de mensualités.').min(1, 'Entre 1 et 36 mensualités.').max(36, 'Entre 1 et 36 mensualités.'),
  insurance: z.boolean(),
});
type FileValues = z.infer<typeof fileSchema>;

const valuesOf = (f: FamilyFile): FileValues => ({
  pupilFirstName: f.pupilFirstName ?? '',
  pupilLastName: f.pupilLastName ?? '',
  pupilClass: f.pupilClass ?? '',
  uai: f.uai ?? '',
  device: f.device ?? '',
  incomeEuros: f.householdIncomeCents === null ? '' : f.householdIncomeCents / 100,
  instalments: f.instalments,
  insurance: f.insuranceCents > 0,
});

const editableStates = ['brouillon', 'en_construction'];

/** One family file: fill it, see the aid and the schedule computed by the server, attach the tax notice, submit. */
export function FamilyFilePage() {
  const { authority, id } = routeApi.useParams();
  const file = useOwnFile(id);
  usePageTitle(file.data ? `Dossier n° ${file.data.number}` : 'Mon dossier');
  if (isApiError(file.error, 401)) return <Navigate to="/famille/$authority/connexion" params={{ authority }} search={{}} />;
  if (file.error) {
    return (
      <FamilyFrame authority={authority} title="Dossier introuvable" signedIn>
        <Alert color="red" role="alert">{errorMessage(file.error)}</Alert>
      </FamilyFrame>
    );
  }
  if (!file.data) return <Loading label="Chargement du dossier…" />;
  const f = file.data;
  const editable = editableStates.includes(f.state) && !f.purged;
  return (
    <FamilyFrame authority={authority} title={`Dossier n° ${f.number}`} signedIn>
      <Stack gap="lg">
        <Group gap="sm">
          <AnchorLink to="/famille/$authority" params={{ authority }} size="sm">← Mes demandes</AnchorLink>
          <Badge color={stateColors[f.state] ?? 'gray'} variant="light">{stateLabel(f.state)}</Badge>
        </Group>
        <Text size="sm">{f.campaign.title} · dépôt jusqu’au {parisWhen(f.campaign.closesAt)}</Text>
        {f.correction && (
          <Alert color="orange" title="Correction demandée" role="status">
            {f.correction.comment || f.correction.reason}
          </Alert>
        )}
        {/* keyed by version: a save from elsewhere (another tab) resets the form to what is stored */}
        {editable ? <FileForm key={f.version} file={f} /> : <FileSummary file={f} />}
        <AidFigures file={f} />
        <TaxNotice file={f} editable={editable} />
        {editable && <Submission file={f} />}
      </Stack>
    </FamilyFrame>
  );
}

function FileForm({ file }: { file: FamilyFile }) {
  const save = useSaveFile(file.id);
  const form = useForm<FileValues>({ initialValues: valuesOf(file), validate: zod4Resolver(fileSchema) });
  const submit = (v: FileValues) =>
    save.mutate(
      {
        version: file.version,
        pupilFirstName: v.pupilFirstName || null,
        pupilLastName: v.pupilLastName || null,
        pupilClass: v.pupilClass || null,
        uai: v.uai || null,
        device: v.device || null,
        householdIncomeCents: v.incomeEuros === '' ? null : Math.round(v.incomeEuros * 100),
        instalments: v.instalments,
        insurance: v.insurance,
      },
      { onError: (e) => showServerIssues(form, e, { householdIncomeCents: 'incomeEuros' }) },
    );
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={form.onSubmit(submit)} noValidate aria-label="Ma demande">
      <Stack gap="md">
        <Title order={2} size="h4">L’élève</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Prénom de l’élève" autoComplete="off" {...form.getInputProps('pupilFirstName')} />
          <TextInput label="Nom de l’élève" autoComplete="off" {...form.getInputProps('pupilLastName')} />
          <TextInput label="Classe" description="Par exemple : seconde" {...form.getInputProps('pupilClass')} />
          <TextInput label="UAI du lycée" description="7 chiffres et une lettre, sur le certificat de scolarité" {...form.getInputProps('uai')} />
        </SimpleGrid>
        <Radio.Group label="Équipement choisi" {...form.getInputProps('device')}>
          <Stack gap="xs" mt="xs">
            {file.devices.map((d) => (
              <Radio key={d.code} value={d.code} label={`${d.label} — ${euros(d.priceCents)}`} />
            ))}
          </Stack>
        </Radio.Group>
        <Title order={2} size="h4">Le financement</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="Revenu fiscal de référence du foyer (€)"
            description="Sur votre avis d’imposition"
            min={0}
            clampBehavior="none"
            decimalScale={2}
            thousandSeparator=" "
            decimalSeparator=","
            {...form.getInputProps('incomeEuros')}
          />
          <NumberInput label="Nombre de mensualités (1 à 36)" min={1} max={36} clampBehavior="none" allowDecimal={false} {...form.getInputProps('instalments')} />
        </SimpleGrid>
        <Checkbox label="Souscrire l’assurance casse et vol (56 €)" {...form.getInputProps('insurance', { type: 'checkbox' })} />
        {/* errors the server ties to a field are shown on it; the others here */}
        {save.isError && !(isApiError(save.error) && save.error.issues.length > 0) && <Alert color="red" role="alert">{errorMessage(save.error)}</Alert>}
        <div>
          <Button type="submit" loading={save.isPending}>Enregistrer et calculer l’aide</Button>
        </div>
      </Stack>
    </Paper>
  );
}

function FileSummary({ file: f }: { file: FamilyFile }) {
  const device = f.devices.find((d) => d.code === f.device);
  return (
    <Paper withBorder p="md" radius="md">
      <Facts
        items={[
          ['Élève', [f.pupilFirstName, f.pupilLastName].filter(Boolean).join(' ') || null],
          ['Classe', f.pupilClass],
          ['Lycée', f.schoolName ? `${f.schoolName} (${f.uai})` : f.uai],
          ['Équipement', device ? device.label : f.device],
          ['Remis le', f.deliveredAt ? parisWhen(f.deliveredAt) : null],
        ]}
      />
      {f.purged && <Text size="sm" c="dimmed" mt="sm">Les données personnelles de ce dossier ont été effacées à la fin de leur durée de conservation.</Text>}
    </Paper>
  );
}

function AidFigures({ file: f }: { file: FamilyFile }) {
  if (f.priceCents === null) return <Text size="sm" c="dimmed">L’aide sera calculée dès que l’équipement et le revenu fiscal de référence seront indiqués.</Text>;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="aide-calculee">
      <Title order={2} size="h4" id="aide-calculee" mb="md">Aide calculée</Title>
      <Facts
        items={[
          ['Prix de l’équipement', euros(f.priceCents)],
          ['Aide de la collectivité', euros(f.aidCents)],
          ...(f.socialFundCents > 0 ? [['Fonds social', euros(f.socialFundCents)] as [string, string]] : []),
          ['Reste à la charge de la famille', euros(f.familyCents)],
          ['Assurance', euros(f.insuranceCents)],
        ]}
      />
      {f.schedule.length > 0 && <AidSchedule schedule={f.schedule} />}
    </Paper>
  );
}

function TaxNotice({ file: f, editable }: { file: FamilyFile; editable: boolean }) {
  const client = useQueryClient();
  const [chosen, setChosen] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const send = async () => {
    if (!chosen) return setError('Choisissez le fichier de votre avis d’imposition.');
    setError(null);
    setProgress(0);
    try {
      await uploadWithProgress(`/api/family/aid-files/${f.id}/tax-notice`, {}, chosen, setProgress).promise;
      setChosen(null);
      await client.invalidateQueries({ queryKey: ['family', 'aid-files'] });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="avis-imposition">
      <Title order={2} size="h4" id="avis-imposition" mb="xs">Avis d’imposition</Title>
      {f.taxNotice ? (
        <Text size="sm" mb="sm">
          Joint :{' '}
          <Anchor href={`/api/family/aid-files/${f.id}/documents/${f.taxNotice.id}`} download>
            {f.taxNotice.filename}
          </Anchor>
        </Text>
      ) : (
        <Text size="sm" mb="sm">Pas encore joint.</Text>
      )}
      {editable && (
        <Stack gap="sm">
          <FilePicker
            id="avis-imposition-fichier"
            label={f.taxNotice ? 'Remplacer l’avis d’imposition' : 'Joindre l’avis d’imposition'}
            description="PDF, JPEG ou PNG, 20 Mo au plus."
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            file={chosen}
            error={error}
            disabled={progress !== null}
            onChange={(file) => {
              setChosen(file);
              setError(null);
            }}
          />
          <div>
            <Button variant="light" onClick={() => void send()} loading={progress !== null}>
              Envoyer le document
            </Button>
          </div>
        </Stack>
      )}
    </Paper>
  );
}

function Submission({ file: f }: { file: FamilyFile }) {
  const submit = useSubmitFile(f.id);
  const submitted = f.state === 'en_construction';
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="depot">
      <Title order={2} size="h4" id="depot" mb="xs">{submitted ? 'Dossier déposé' : 'Déposer le dossier'}</Title>
      {submitted ? (
        <Text size="sm">Votre dossier est déposé ; vous pouvez encore le modifier jusqu’au début de son instruction.</Text>
      ) : f.missing.length > 0 ? (
        <>
          <Text size="sm">Pour déposer, il manque encore :</Text>
          <List size="sm" mt={4}>
            {f.missing.map((m) => (
              <List.Item key={m.path}>{m.message}</List.Item>
            ))}
          </List>
        </>
      ) : (
        <Text size="sm">Tout est renseigné : vous pouvez déposer votre demande.</Text>
      )}
      {submit.isError && <Alert color="red" role="alert" mt="sm">{errorMessage(submit.error)}</Alert>}
      {!submitted && (
        <Button mt="sm" onClick={() => submit.mutate(f.version)} loading={submit.isPending} disabled={f.missing.length > 0}>
          Déposer ma demande
        </Button>
      )}
    </Paper>
  );
}
