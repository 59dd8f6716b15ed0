import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useMe } from '../session/session';
import type { Permission } from '../session/types';
import { usePageTitle } from './usePageTitle';

/** Renders its children only when the person holds the permission; the server checks again anyway. */
export function Guard(props: { permission: Permission; children: ReactNode }) {
  const me = useMe();
  if (me.permissions[props.permission]) return <>{props.children}</>;
  return <Forbidden />;
}

function Forbidden() {
  usePageTitle('Accès non autorisé');
  return (
    <>
      <h1 className="visually-hidden">Accès non autorisé</h1>
      <Alert color="orange" icon={<IconLock aria-hidden />} title="Accès non autorisé" role="alert" maw={640}>
        Votre rôle dans cette collectivité ne donne pas accès à cette page. Si vous en avez besoin, adressez-vous à
        l’administrateur de votre collectivité.
      </Alert>
    </>
  );
}
