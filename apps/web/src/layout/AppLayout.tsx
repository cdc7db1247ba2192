import {
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import type { MeResponse } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Dropdown, Flex, Layout, Menu, Skeleton, Spin, Tag, Tooltip, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useMatches, useNavigate, useNavigation } from 'react-router';
import { ApiError } from '../api/client.ts';
import { errorText } from '../api/feedback.tsx';
import { homePath } from '../auth/access.ts';
import { roleMessages } from '../auth/messages.ts';
import { logout, useMe } from '../auth/session.ts';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useLocale, useT } from '../i18n/LocaleProvider.tsx';
import { LoadFailed } from './Guards.tsx';
import { MeContext } from './MeContext.ts';
import { navMessages } from './messages.ts';
import { NotificationBell } from './NotificationBell.tsx';
import { menuItems, openGroupKeys, selectedMenuKey } from './nav.tsx';

export interface RouteHandle {
  crumb?: keyof typeof navMessages;
  /** False for a crumb that only groups pages (系统管理) and has no page of its own. */
  link?: boolean;
}

function Breadcrumbs({ me }: { me: MeResponse }) {
  const t = useT(navMessages);
  const matches = useMatches();
  const crumbs = matches.filter((m) => (m.handle as RouteHandle | undefined)?.crumb);
  const items = [
    { key: 'home', title: <Link to={homePath(me)}>{t('home')}</Link> },
    ...crumbs.map((m, i) => {
      const h = m.handle as Required<Pick<RouteHandle, 'crumb'>> & RouteHandle;
      const label = t(h.crumb);
      const linked = i < crumbs.length - 1 && h.link !== false;
      return { key: m.id, title: linked ? <Link to={m.pathname}>{label}</Link> : label };
    }),
  ];
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} />;
}

function UserMenu({ me }: { me: MeResponse }) {
  const t = useT(navMessages);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: logout,
    meta: { silent: true },
    // Signing out must leave nothing behind in this browser, even if the server call failed.
    async onSettled() {
      await navigate('/login?loggedOut=1', { replace: true });
      queryClient.clear();
    },
  });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'password', icon: <KeyOutlined />, label: t('changePassword') },
          { key: 'security', icon: <SafetyOutlined />, label: t('accountSecurity') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('logout'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'password') navigate('/password');
          if (key === 'security') navigate('/account/security');
          if (key === 'logout') signOut.mutate();
        },
      }}
    >
      <Button
        type="text"
        aria-label={`${me.user.displayName || me.user.username} · ${t('userMenu')}`}
        loading={signOut.isPending}
      >
        {me.user.displayName || me.user.username} <DownOutlined />
      </Button>
    </Dropdown>
  );
}

function Workspace({ me }: { me: MeResponse }) {
  const t = useT(navMessages);
  const tr = useT(roleMessages);
  const { lang } = useLocale();
  const { token } = theme.useToken();
  const location = useLocation();
  const navigation = useNavigation();
  const [collapsed, setCollapsed] = useState(false);
  const selected = selectedMenuKey(location.pathname);
  const unitTitle = lang === 'zh' ? me.unit.fullName : me.unit.name;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        className="app-sider"
        // English menu items are longer (“Responsibility matrix” under a group): room for them whole.
        width={lang === 'zh' ? 208 : 248}
        collapsedWidth={64}
        collapsed={collapsed}
        breakpoint="xl"
        onBreakpoint={(broken) => setCollapsed(broken)}
        trigger={null}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Link to={homePath(me)} className="app-logo" aria-label={`${t('home')} · 蓝天`}>
          <span className="brand-mark" aria-hidden>
            蓝
          </span>
          {!collapsed && <span className="app-logo__text">蓝天</span>}
        </Link>
        <nav aria-label={t('mainMenu')}>
          <Menu
            theme="dark"
            mode="inline"
            items={menuItems(me.roles, t).map((item) => linkify(item))}
            selectedKeys={selected ? [selected] : []}
            defaultOpenKeys={collapsed ? [] : openGroupKeys(location.pathname)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header" style={{ background: token.colorBgContainer }}>
          <Tooltip title={collapsed ? t('expand') : t('collapse')}>
            <Button
              type="text"
              aria-label={collapsed ? t('expand') : t('collapse')}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
            />
          </Tooltip>
          <Flex align="center" gap={12} className="app-header__right">
            <Flex align="center" gap={4} wrap={false} className="app-header__identity">
              <Tooltip title={me.unit.fullName}>
                <span className="app-header__unit">{unitTitle}</span>
              </Tooltip>
              {me.roles.map((r) => (
                <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }}>
                  {tr(r)}
                </Tag>
              ))}
            </Flex>
            <NotificationBell />
            <LangSwitch size="small" />
            <UserMenu me={me} />
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-content">
          {navigation.state === 'loading' && <Spin size="small" className="app-nav-spin" />}
          <div className="app-breadcrumbs">
            <Breadcrumbs me={me} />
          </div>
          <main>
            <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Menu entries as real links: keyboard, middle-click and "open in new tab" work as on any web page. */
function linkify<T>(item: T): T {
  const it = item as { key: string; label: string; children?: unknown[] };
  if (it.children) return { ...it, children: it.children.map(linkify) } as T;
  return { ...it, label: <Link to={it.key}>{it.label}</Link> } as T;
}

/** The signed-in workspace: loads who the user is, then the shell around the pages. */
export function AppLayout() {
  const { lang } = useLocale();
  const location = useLocation();
  const me = useMe();
  const next = `${location.pathname}${location.search}`;
  if (me.isPending) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to={`/login?${new URLSearchParams({ next })}`} replace />;
    }
    return <LoadFailed detail={errorText(me.error, lang)} onRetry={() => me.refetch()} />;
  }
  if (me.data.mustChangePassword) {
    return <Navigate to={`/password?${new URLSearchParams({ next })}`} replace />;
  }
  if (me.data.secondFactor.mustEnrol) {
    return <Navigate to={`/second-factor?${new URLSearchParams({ next })}`} replace />;
  }
  return (
    <MeContext.Provider value={me.data}>
      <Workspace me={me.data} />
    </MeContext.Provider>
  );
}
