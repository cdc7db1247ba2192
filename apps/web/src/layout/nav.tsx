import {
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  ControlOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FileWordOutlined,
  FlagOutlined,
  InboxOutlined,
  KeyOutlined,
  PieChartOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { UserRole } from '@lantian/contract';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { type Area, canAccess } from '../auth/access.ts';
import type { Translate } from '../i18n/LocaleProvider.tsx';
import type { navMessages } from './messages.ts';

type NavKey = keyof typeof navMessages;

interface NavLeaf {
  path: string;
  label: NavKey;
  area: Area;
  icon: ReactNode;
}
interface NavGroup {
  label: NavKey;
  icon: ReactNode;
  children: NavLeaf[];
}

/** The side menu: each entry shows only to the roles its page admits. */
export const NAV: (NavLeaf | NavGroup)[] = [
  { path: '/my-work', label: 'myWork', area: 'myWork', icon: <ScheduleOutlined /> },
  { path: '/dashboard', label: 'dashboard', area: 'dashboard', icon: <DashboardOutlined /> },
  { path: '/board', label: 'board', area: 'board', icon: <AlertOutlined /> },
  { path: '/reviews', label: 'reviews', area: 'reviews', icon: <CheckSquareOutlined /> },
  { path: '/notices', label: 'notices', area: 'notices', icon: <FlagOutlined /> },
  { path: '/extensions', label: 'extensions', area: 'extensions', icon: <ClockCircleOutlined /> },
  { path: '/closures', label: 'closures', area: 'closures', icon: <FileDoneOutlined /> },
  { path: '/plans', label: 'plans', area: 'plans', icon: <ProfileOutlined /> },
  { path: '/plans/import', label: 'planImport', area: 'planImport', icon: <UploadOutlined /> },
  { path: '/matrix', label: 'matrix', area: 'matrix', icon: <AppstoreOutlined /> },
  { path: '/documents/bulletin', label: 'bulletin', area: 'bulletin', icon: <FileWordOutlined /> },
  {
    label: 'casesGroup',
    icon: <EnvironmentOutlined />,
    children: [
      { path: '/cases/queue', label: 'caseQueue', area: 'caseQueue', icon: <CheckSquareOutlined /> },
      { path: '/cases/inbox', label: 'caseInbox', area: 'caseInbox', icon: <InboxOutlined /> },
      { path: '/cases', label: 'cases', area: 'cases', icon: <UnorderedListOutlined /> },
      { path: '/cases/stats', label: 'caseStats', area: 'caseStats', icon: <PieChartOutlined /> },
      { path: '/cases/settings', label: 'caseSettings', area: 'caseSettings', icon: <SettingOutlined /> },
    ],
  },
  {
    label: 'monitoring',
    icon: <BarChartOutlined />,
    children: [
      { path: '/rankings', label: 'rankings', area: 'rankings', icon: <BarChartOutlined /> },
      {
        path: '/monitoring/rules',
        label: 'monitoringRules',
        area: 'monitoringRules',
        icon: <ControlOutlined />,
      },
    ],
  },
  {
    label: 'admin',
    icon: <SettingOutlined />,
    children: [
      { path: '/admin/users', label: 'adminUsers', area: 'adminUsers', icon: <TeamOutlined /> },
      { path: '/admin/units', label: 'adminUnits', area: 'adminUnits', icon: <BankOutlined /> },
      { path: '/admin/roles', label: 'adminRoles', area: 'adminRoles', icon: <SafetyCertificateOutlined /> },
      { path: '/admin/api-keys', label: 'adminApiKeys', area: 'adminApiKeys', icon: <KeyOutlined /> },
      { path: '/admin/audit', label: 'adminAudit', area: 'adminAudit', icon: <AuditOutlined /> },
    ],
  },
];

type MenuItem = Required<MenuProps>['items'][number];

export function menuItems(roles: readonly UserRole[], t: Translate<typeof navMessages>): MenuItem[] {
  const items: MenuItem[] = [];
  for (const entry of NAV) {
    if ('children' in entry) {
      const children = entry.children
        .filter((c) => canAccess(roles, c.area))
        .map((c) => ({ key: c.path, icon: c.icon, label: t(c.label) }));
      if (children.length > 0)
        items.push({ key: entry.label, icon: entry.icon, label: t(entry.label), children });
    } else if (canAccess(roles, entry.area)) {
      items.push({ key: entry.path, icon: entry.icon, label: t(entry.label) });
    }
  }
  return items;
}

/** The menu entry for a location: the longest entry path the location starts with. */
export function selectedMenuKey(pathname: string): string | undefined {
  const paths = NAV.flatMap((e) => ('children' in e ? e.children.map((c) => c.path) : [e.path]));
  return paths
    .filter((p) => pathname === p || pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
}

export function openGroupKeys(pathname: string): string[] {
  return NAV.filter((e) => 'children' in e && e.children.some((c) => pathname.startsWith(c.path))).map(
    (e) => e.label,
  );
}
