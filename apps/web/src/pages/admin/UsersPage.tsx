import { PlusOutlined } from '@ant-design/icons';
import { ADMIN_ROLES, USER_ROLES, type UserItem, type UserRole } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { adminKeys, userActions, useUsers } from '../../api/admin.ts';
import { getFeedback } from '../../api/feedback.tsx';
import { roleMessages } from '../../auth/messages.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { type Translate, useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { formatInstant } from '../../lib/time.ts';
import { securityMessages } from '../security/messages.ts';
import { adminMessages } from './messages.ts';
import { CreateUserModal, ResetPasswordModal, RolesModal } from './UserModals.tsx';
import { FactorPolicyCard, ResetFactorModal, UserSessionsModal } from './UserSecurity.tsx';

/** Which job this page does: accounts (system administrator) or roles (security administrator). */
export type UsersMode = 'accounts' | 'roles';

function statusTags(u: UserItem, t: Translate<typeof adminMessages>) {
  return (
    <Flex wrap gap={4}>
      {u.disabled ? <Tag color="default">{t('disabled')}</Tag> : <Tag color="green">{t('active')}</Tag>}
      {u.locked && (
        <Tag
          color="red"
          title={u.lockedUntil ? t('lockedUntil', { time: formatInstant(u.lockedUntil) }) : undefined}
        >
          {t('locked')}
        </Tag>
      )}
      {u.mustChangePassword && <Tag color="gold">{t('mustChange')}</Tag>}
    </Flex>
  );
}

/** The role filter's extra choice: accounts the security administrator has not granted a role yet. */
const AWAITING = 'awaiting' as const;

export function UsersPage({ mode }: { mode: UsersMode }) {
  const t = useT(adminMessages);
  const tr = useT(roleMessages);
  const ts = useT(securityMessages);
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<UserRole | typeof AWAITING>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const query = useUsers({ q: q.trim() || undefined, ...(role ? { role } : {}), ...paging });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserItem | null>(null);
  const [editingRoles, setEditingRoles] = useState<UserItem | null>(null);
  const [viewingSessions, setViewingSessions] = useState<UserItem | null>(null);
  const [resettingFactor, setResettingFactor] = useState<UserItem | null>(null);
  const act = useMutation({
    mutationFn: ({ kind, id }: { kind: 'disable' | 'enable' | 'unlock'; id: string }) =>
      userActions[kind](id),
    onSuccess() {
      getFeedback()?.message.success(t('done'));
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });

  // Searching, filtering and paging happen on the server (issue #12 item 3).
  const visible = query.data?.users ?? [];

  const columns: ColumnsType<UserItem> = [
    {
      title: t('username'),
      dataIndex: 'username',
      width: 150,
      render: (name: string, u) => (
        <>
          {name}
          {u.id === me.user.id && <Typography.Text type="secondary">{t('self')}</Typography.Text>}
        </>
      ),
    },
    { title: t('displayName'), dataIndex: 'displayName', width: 110 },
    { title: t('unit'), key: 'unit', render: (_, u) => u.unit.name },
    {
      title: t('roles'),
      key: 'roles',
      width: 210,
      render: (_, u) => (
        <Flex wrap gap={4}>
          {u.roles.length === 0 && (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t('awaitingRoles')}
            </Tag>
          )}
          {u.roles.map((r) => (
            <Tag key={r} color={ADMIN_ROLES.includes(r) ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {tr(r)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('status'), key: 'status', width: 150, render: (_, u) => statusTags(u, t) },
    {
      title: t('lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 140,
      render: (v: string | null) =>
        v ? formatInstant(v) : <Typography.Text type="secondary">{t('never')}</Typography.Text>,
    },
    {
      title: t('actions'),
      key: 'actions',
      width: mode === 'accounts' ? 150 : 220,
      render: (_, u) => {
        if (u.id === me.user.id && mode === 'accounts') return null;
        if (u.id === me.user.id)
          return (
            <Button size="small" onClick={() => setViewingSessions(u)}>
              {ts('sessions')}
            </Button>
          );
        if (mode === 'accounts' && u.roles.some((r) => ADMIN_ROLES.includes(r)))
          return <Typography.Text type="secondary">{t('adminAccountHint')}</Typography.Text>;
        if (mode === 'roles') {
          return (
            <Space size={4} wrap>
              <Button size="small" onClick={() => setEditingRoles(u)}>
                {t('editRoles')}
              </Button>
              <Button size="small" onClick={() => setViewingSessions(u)}>
                {ts('sessions')}
              </Button>
              {/* An administrator's factor is reset only on the server (npx lantian user reset-2fa). */}
              {!u.roles.some((r) => ADMIN_ROLES.includes(r)) && (
                <Button size="small" danger onClick={() => setResettingFactor(u)}>
                  {ts('resetFactor')}
                </Button>
              )}
              {u.locked && (
                <Button size="small" onClick={() => act.mutate({ kind: 'unlock', id: u.id })}>
                  {t('unlock')}
                </Button>
              )}
            </Space>
          );
        }
        return (
          <Space size={4} wrap>
            {u.disabled ? (
              <Button size="small" onClick={() => act.mutate({ kind: 'enable', id: u.id })}>
                {t('enable')}
              </Button>
            ) : (
              <Popconfirm
                title={t('disableConfirm')}
                okText={t('disable')}
                cancelText={t('cancel')}
                onConfirm={() => act.mutate({ kind: 'disable', id: u.id })}
              >
                <Button size="small" danger>
                  {t('disable')}
                </Button>
              </Popconfirm>
            )}
            <Button size="small" onClick={() => setResetting(u)}>
              {t('resetPassword')}
            </Button>
          </Space>
        );
      },
    },
  ];

  const body = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
    if (!q && !role && query.data.total <= 1) return <EmptyState description={t('usersEmpty')} />;
    return (
      <Table<UserItem>
        rowKey="id"
        size="middle"
        tableLayout="fixed"
        columns={columns}
        dataSource={visible}
        loading={query.isFetching}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: query.data.total,
          hideOnSinglePage: true,
          showSizeChanger: true,
          onChange: (page, pageSize) =>
            setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
      />
    );
  };

  return (
    <Page
      title={mode === 'accounts' ? t('usersTitle') : t('rolesTitle')}
      subtitle={mode === 'accounts' ? t('usersSubtitle') : t('rolesSubtitle')}
      extra={
        <>
          {mode === 'accounts' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('createUser')}
            </Button>
          )}
          <ExportButton
            list="users"
            query={{ q: q.trim() || undefined, ...(role ? { role } : {}) }}
            disabled={!query.data?.total}
          />
        </>
      }
    >
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            aria-label={t('search')}
            placeholder={t('search')}
            style={{ width: 280 }}
            onSearch={(v) => {
              setQ(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
          <Select<UserRole | typeof AWAITING>
            allowClear
            aria-label={t('filterRole')}
            placeholder={t('filterRole')}
            style={{ width: 180 }}
            value={role}
            onChange={(v) => {
              setRole(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: AWAITING, label: t('awaitingRoles') },
              ...USER_ROLES.map((r) => ({ value: r, label: tr(r) })),
            ]}
          />
        </Flex>
        {body()}
      </Card>
      {mode === 'roles' && <FactorPolicyCard />}
      {mode === 'roles' && (
        <Card size="small" title={<h2 className="card-heading">{t('roleGuide')}</h2>}>
          <Descriptions
            size="small"
            column={{ xs: 1, lg: 2 }}
            items={USER_ROLES.map((r) => ({ key: r, label: tr(r), children: t(`guide_${r}`) }))}
          />
        </Card>
      )}
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
      {editingRoles && <RolesModal user={editingRoles} onClose={() => setEditingRoles(null)} />}
      {viewingSessions && (
        <UserSessionsModal user={viewingSessions} onClose={() => setViewingSessions(null)} />
      )}
      {resettingFactor && (
        <ResetFactorModal user={resettingFactor} onClose={() => setResettingFactor(null)} />
      )}
    </Page>
  );
}

export function AccountsPage() {
  return <UsersPage mode="accounts" />;
}

export function RolesPage() {
  return <UsersPage mode="roles" />;
}
