import { Alert, Stack, Tabs } from '@mantine/core';
import { Guard } from '../../../ui/Guard';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryError } from '../../../ui/QueryError';
import { AgreementsSection } from './AgreementsSection';
import { CalendarsSection } from './CalendarsSection';
import { CategoriesSection } from './CategoriesSection';
import { PriorityMatrixSection } from './PriorityMatrixSection';
import { SettingsSection } from './SettingsSection';
import { TeamsSection } from './TeamsSection';
import { useDeskConfiguration } from './queries';
import { DeskMailSection } from '../mail/DeskMailSection';

/**
 * /guichet/configuration: each authority sets its own desk (teams, categories, priority matrix,
 * agreements, calendars, settings). Those who work the desk read it; desk.configure changes it.
 */
export function DeskConfigurationPage() {
  return (
    <Guard permission="ticket.private.read">
      <DeskConfiguration />
    </Guard>
  );
}

function DeskConfiguration() {
  const query = useDeskConfiguration();
  return (
    <>
      <PageHeader
        title="Configuration du guichet"
        crumbs={[{ label: 'Guichet', to: '/guichet' }]}
        subtitle="Équipes, catégories, priorités, conventions de service et calendriers de votre collectivité."
      />
      {query.error ? (
        <QueryError error={query.error} retry={() => void query.refetch()} />
      ) : !query.data ? (
        <Loading label="Chargement de la configuration…" />
      ) : (
        <Stack gap="md">
          {!query.data.canConfigure && (
            <Alert color="blue" title="Consultation seule">
              Seul l’administrateur de la collectivité peut modifier la configuration du guichet.
            </Alert>
          )}
          <Tabs defaultValue="equipes" keepMounted={false}>
            <Tabs.List aria-label="Parties de la configuration">
              <Tabs.Tab value="equipes">Équipes</Tabs.Tab>
              <Tabs.Tab value="categories">Catégories</Tabs.Tab>
              <Tabs.Tab value="matrice">Matrice de priorité</Tabs.Tab>
              <Tabs.Tab value="conventions">Conventions</Tabs.Tab>
              <Tabs.Tab value="calendriers">Calendriers</Tabs.Tab>
              <Tabs.Tab value="reglages">Réglages</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="equipes" pt="md">
              <TeamsSection config={query.data} />
            </Tabs.Panel>
            <Tabs.Panel value="categories" pt="md">
              <CategoriesSection config={query.data} />
            </Tabs.Panel>
            <Tabs.Panel value="matrice" pt="md">
              <PriorityMatrixSection key={query.data.priorityMatrix.version} config={query.data} />
            </Tabs.Panel>
            <Tabs.Panel value="conventions" pt="md">
              <AgreementsSection config={query.data} />
            </Tabs.Panel>
            <Tabs.Panel value="calendriers" pt="md">
              <CalendarsSection config={query.data} />
            </Tabs.Panel>
            <Tabs.Panel value="reglages" pt="md">
              <SettingsSection config={query.data} />
              <DeskMailSection canConfigure={query.data.canConfigure} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </>
  );
}
