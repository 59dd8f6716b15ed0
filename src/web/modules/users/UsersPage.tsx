import { Button, Grid, NativeSelect, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileTypeCsv, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { downloadFile } from '../../download';
import { useCan } from '../../session/session';
import { Guard } from '../../ui/Guard';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { TablePagination } from '../../ui/TablePagination';
import { useRoleOptions, useUsers, type UserFilters } from './queries';
import { LoginLocksSection } from './LoginLocksSection';
import { AddUserForm } from './UserForms';
import { UserRow } from './UserRow';

export function UsersPage() {
  return (
    <Guard permission="user.read">
      <Users />
    </Guard>
  );
}

function Users() {
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 350);
  const [role, setRole] = useState<NonNullable<UserFilters['role']> | ''>('');
  const [active, setActive] = useState<NonNullable<UserFilters['active']> | ''>('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const canManage = useCan('user.manage');
  const options = useRoleOptions();
  const users = useUsers({ search: search || undefined, role: role || undefined, active: active || undefined, page });
  const filters = { search: search || undefined, role: role || undefined, active: active || undefined };

  const exportCsv = () =>
    downloadFile('/users/export', { ...filters, format: 'csv' }, 'utilisateurs.csv').catch((error: unknown) =>
      notifications.show({ color: 'red', title: 'Export impossible', message: errorMessage(error) }),
    );

  return (
    <>
      <PageHeader
        title="Utilisateurs"
        subtitle="Les personnes qui ont un rôle dans la collectivité active, et ce rôle seulement."
        actions={
          <>
            <Button variant="default" leftSection={<IconFileTypeCsv size={18} aria-hidden />} onClick={() => void exportCsv()}>Exporter CSV</Button>
            {canManage && !adding && <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setAdding(true)}>Ajouter une personne</Button>}
          </>
        }
      />
      {adding && <AddUserForm onDone={() => setAdding(false)} />}
      {canManage && <LoginLocksSection />}
      <Paper withBorder p="md" radius="md">
        <Grid gutter="sm" mb="md" component="form" role="search" aria-label="Filtrer les utilisateurs" onSubmit={(e) => e.preventDefault()}>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TextInput label="Rechercher" description="Nom ou adresse e-mail" type="search" leftSection={<IconSearch size={18} aria-hidden />} value={text} onChange={(e) => { setText(e.currentTarget.value); setPage(1); }} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <NativeSelect label="Rôle" data={[{ value: '', label: 'Tous les rôles' }, ...(options.data?.roles ?? [])]} value={role} onChange={(e) => { setRole(e.currentTarget.value as typeof role); setPage(1); }} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <NativeSelect label="État" data={[{ value: '', label: 'Tous' }, { value: 'true', label: 'Actifs' }, { value: 'false', label: 'Désactivés' }]} value={active} onChange={(e) => { setActive(e.currentTarget.value as typeof active); setPage(1); }} />
          </Grid.Col>
        </Grid>
        {users.error ? (
          <QueryError error={users.error} retry={() => void users.refetch()} />
        ) : !users.data ? (
          <Loading />
        ) : (
          <>
            <div className="table-scroll">
              <Table captionSide="top" striped verticalSpacing="sm" miw={900}>
                <Table.Caption style={{ textAlign: 'left' }}>{users.data.total} personne{users.data.total > 1 ? 's' : ''}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Personne</Table.Th>
                    <Table.Th scope="col">Rôles dans la collectivité</Table.Th>
                    <Table.Th scope="col">Connexion</Table.Th>
                    <Table.Th scope="col">État</Table.Th>
                    <Table.Th scope="col"><span className="visually-hidden">Actions</span></Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.data.items.map((u) => <UserRow key={u.id} user={u} />)}
                  {users.data.items.length === 0 && (
                    <Table.Tr><Table.Td colSpan={5}><Text c="dimmed" ta="center" py="md">Aucune personne ne correspond.</Text></Table.Td></Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </div>
            <TablePagination page={page} pageSize={25} total={users.data.total} noun="utilisateur" onPage={setPage} />
          </>
        )}
      </Paper>
    </>
  );
}
