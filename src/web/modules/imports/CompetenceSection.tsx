import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { establishmentFamilies, familyLabels, type EstablishmentFamily } from '../../../shared/establishment-families';
import { apiClient, call, errorMessage, getActiveTenant } from '../../api/client';
import { academies } from '../../labels';
import { useCan } from '../../session/session';
import { Section } from '../../ui/Section';

interface Competence {
  families: EstablishmentFamily[];
  academyCodes: string[];
  departmentCodes: string[];
  communeCodes: string[];
}
interface CompetenceView {
  competence: Competence;
  declared: boolean;
  defaults: Competence;
}

const key = () => ['organization', getActiveTenant(), 'competence'];
const codes = (text: string) => text.split(/[\s,;]+/).filter(Boolean);
const listOr = (items: string[], none: string) => (items.length ? items.join(', ') : none);

/** What the authority may hold, which every import checks; an administrator declares it. */
export function CompetenceSection() {
  const query = useQuery({ queryKey: key(), queryFn: ({ signal }) => call(apiClient.GET('/api/organization/competence', { signal })) as Promise<CompetenceView> });
  const [editing, setEditing] = useState(false);
  const administrator = useCan('organization.manage');
  const view = query.data;
  return (
    <Section
      title="Compétence de la collectivité"
      id="competence"
      actions={administrator && view && !editing ? <Button variant="default" size="xs" onClick={() => setEditing(true)}>Modifier</Button> : undefined}
    >
      {query.error && <Alert color="red" role="alert">{errorMessage(query.error)}</Alert>}
      {view && !editing && <CompetenceSummary view={view} />}
      {view && editing && <CompetenceForm view={view} onDone={() => setEditing(false)} />}
    </Section>
  );
}

function CompetenceSummary({ view }: { view: CompetenceView }) {
  const c = view.competence;
  return (
    <Stack gap={4}>
      <Text size="sm">
        Les imports n’écrivent que les établissements de ces types et de ce territoire ; les autres sont signalés et écartés, sauf confirmation d’un administrateur.
        {view.declared ? ' Compétence déclarée par la collectivité.' : ' Compétence déduite du type et du code de la collectivité.'}
      </Text>
      <Text size="sm"><strong>Types :</strong> {c.families.map((f) => familyLabels[f]).join(', ')}</Text>
      <Text size="sm"><strong>Académies :</strong> {listOr(c.academyCodes.map((a) => `${academies[a] ?? a} (${a})`), 'toutes')}</Text>
      <Text size="sm"><strong>Départements :</strong> {listOr(c.departmentCodes, 'tous')}</Text>
      <Text size="sm"><strong>Communes :</strong> {listOr(c.communeCodes, 'toutes')}</Text>
    </Stack>
  );
}

function CompetenceForm({ view, onDone }: { view: CompetenceView; onDone: () => void }) {
  const client = useQueryClient();
  const [families, setFamilies] = useState<string[]>(view.competence.families);
  const [academyText, setAcademyText] = useState(view.competence.academyCodes.join(', '));
  const [departmentText, setDepartmentText] = useState(view.competence.departmentCodes.join(', '));
  const [communeText, setCommuneText] = useState(view.competence.communeCodes.join(', '));
  const save = useMutation({
    mutationFn: (competence: Competence | null) => call(apiClient.PUT('/api/organization/competence', { body: { competence } })) as Promise<CompetenceView>,
    onSuccess: (data) => {
      client.setQueryData(key(), data);
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ families: families as EstablishmentFamily[], academyCodes: codes(academyText), departmentCodes: codes(departmentText), communeCodes: codes(communeText) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Déclarer la compétence de la collectivité">
      <Stack gap="sm">
        <Checkbox.Group label="Types d’établissement" value={families} onChange={setFamilies}>
          <Group mt="xs" gap="md">
            {establishmentFamilies.map((f) => <Checkbox key={f} value={f} label={familyLabels[f]} />)}
          </Group>
        </Checkbox.Group>
        <TextInput label="Académies (codes)" description="Séparés par des virgules ; vide : toutes. Lille : 09, Amiens : 20." value={academyText} onChange={(e) => setAcademyText(e.currentTarget.value)} />
        <TextInput label="Départements (codes INSEE)" description="Vide : tous. Nord : 59." value={departmentText} onChange={(e) => setDepartmentText(e.currentTarget.value)} />
        <TextInput label="Communes (codes INSEE)" description="Vide : toutes." value={communeText} onChange={(e) => setCommuneText(e.currentTarget.value)} />
        {save.error && <Alert color="red" role="alert">{errorMessage(save.error)}</Alert>}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>Enregistrer</Button>
          <Button variant="default" onClick={() => save.mutate(null)} disabled={save.isPending}>Revenir aux valeurs par défaut</Button>
          <Button variant="subtle" onClick={onDone}>Annuler</Button>
        </Group>
      </Stack>
    </form>
  );
}
