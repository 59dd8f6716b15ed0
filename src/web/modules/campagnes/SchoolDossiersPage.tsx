import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { Guard } from '../../ui/Guard';
import { AnchorLink } from '../../ui/links';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { TablePagination } from '../../ui/TablePagination';
import { DossiersTable } from './DossiersTable';
import { schoolDossiersQuery } from './queries';

const routeApi = getRouteApi('/app/campagnes/etablissement/$uai');

/** Every file of one school across the campaigns, as far as the reader's scope goes. */
export function SchoolDossiersPage() {
  const { uai } = routeApi.useParams();
  return (
    <Guard permission="dossier.read">
      <AnchorLink to="/etablissements/$uai" params={{ uai }} size="sm">← L’établissement</AnchorLink>
      <PageHeader title={`Dossiers de campagne — ${uai.toUpperCase()}`} subtitle="Les dossiers de l’établissement dans toutes les campagnes que vous pouvez consulter, le plus récent d’abord." />
      <SchoolDossiers uai={uai} />
    </Guard>
  );
}

function SchoolDossiers({ uai }: { uai: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const list = useQuery(schoolDossiersQuery(uai, page, pageSize));
  if (list.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} retry={() => void list.refetch()} />;
  const { items, total } = list.data;
  return (
    <>
      <DossiersTable
        items={items}
        caption={`${total} dossier${total > 1 ? 's' : ''} de campagne`}
        captionId="dossiers-etablissement-legende"
        busy={list.isFetching}
        campaignColumn
        empty="Aucun dossier de campagne visible pour cet établissement."
      />
      <TablePagination
        page={page}
        pageSize={pageSize}
        total={total}
        noun="dossier"
        onPage={setPage}
        onPageSize={(size) => {
          setPageSize(size);
          setPage(1);
        }}
        sizes={[25, 50, 100]}
      />
    </>
  );
}
