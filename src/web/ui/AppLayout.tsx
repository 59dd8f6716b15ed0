import { AppShell, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useMe } from '../session/session';
import { Brand } from './Brand';
import { navItems } from './nav-items';
import { NotificationsMenu } from './NotificationsMenu';
import { TenantSwitcher } from './TenantSwitcher';
import { UserMenu } from './UserMenu';

export function AppLayout() {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After a page change (not on first load), move focus to the main content so screen readers start there.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    close();
    mainRef.current?.focus();
  }, [pathname, close]);

  const items = navItems.filter((item) => !item.permission || me.permissions[item.permission]);
  // the longest entry that matches wins: /parc/deploiements lights "Déploiements", not "Parc informatique"
  const matches = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));
  const activeTo = items.filter((i) => matches(i.to)).sort((a, b) => b.to.length - a.to.length)[0]?.to;
  const isActive = (to: string) => to === activeTo;

  return (
    <>
      <a href="#contenu" className="skip-link">
        Aller au contenu
      </a>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 272, breakpoint: 'md', collapsed: { mobile: !opened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={opened ? 'Fermer le menu' : 'Ouvrir le menu'} aria-controls="navigation-principale" aria-expanded={opened} />
              <Brand />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <TenantSwitcher />
              <NotificationsMenu />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" id="navigation-principale" component="nav" aria-label="Navigation principale">
          <ScrollArea type="auto">
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                // an entry with sub-entries (/parc) is not lit by the router on theirs: isActive decides
                activeOptions={{ exact: items.some((other) => other.to.startsWith(`${item.to}/`)) }}
                label={item.label}
                leftSection={<item.icon size={20} aria-hidden />}
                active={isActive(item.to)}
                aria-current={isActive(item.to) ? 'page' : undefined}
                variant="filled"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            ))}
          </ScrollArea>
          <Text size="xs" c="dimmed" mt="auto" pt="md">
            Cohérence — schéma de cohérence numérique éducatif
          </Text>
        </AppShell.Navbar>
        <AppShell.Main id="contenu" ref={mainRef} tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
