import { PlusOutlined } from '@ant-design/icons';
import type { CreateUnitRequest, Group, Unit } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Modal, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { createUnit } from '../../api/admin.ts';
import { errorText, getFeedback } from '../../api/feedback.tsx';
import { directoryKeys, useGroups, usePagedUnits, useUnits } from '../../api/plans.ts';
import { useMe } from '../../auth/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { matchesAll, searchTerms } from '../../lib/search.ts';
import { planMessages } from '../plans/messages.ts';
import { DirectoryExportButtons, DirectoryImportButton } from './DirectoryImport.tsx';
import { adminMessages } from './messages.ts';
import { UnitActions, type UnitEdit, UnitEditModal } from './UnitEditModals.tsx';
import { unitEditMessages } from './unitEditMessages.ts';

const KINDS = ['city_department', 'district', 'enterprise', 'street', 'other'] as const;

function CreateUnitModal({ units, onClose }: { units: Unit[]; onClose: () => void }) {
  const t = useT(adminMessages);
  const pt = useT(planMessages);
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateUnitRequest>();
  const create = useMutation({
    mutationFn: createUnit,
    meta: { silent: true },
    onSuccess() {
      getFeedback()?.message.success(t('done'));
      void queryClient.invalidateQueries({ queryKey: directoryKeys.units });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('createUnit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {create.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={errorText(create.error, lang)}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'city_department', aliases: [] }}
        onFinish={(v) => create.mutate({ ...v, aliases: v.aliases?.length ? v.aliases : undefined })}
      >
        <Form.Item
          label={t('shortName')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('fullName')}
          name="fullName"
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('kind')} name="kind" rules={[{ required: true, message: t('required') }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: pt(k) }))} />
        </Form.Item>
        <Form.Item label={t('aliases')} name="aliases" extra={t('aliasesHint')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['、', '，', ',']} />
        </Form.Item>
        <Form.Item label={t('parent')} name="parentId">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={units.filter((u) => u.kind === 'district').map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UnitsPage() {
  const t = useT(adminMessages);
  const pt = useT(planMessages);
  const units = useUnits();
  const groups = useGroups();
  const [tab, setTab] = useState<'units' | 'groups'>('units');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<Unit['kind']>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UnitEdit | null>(null);
  const et = useT(unitEditMessages);
  // The import is the system administrator's (policy `directory.import`); the export is everyone's.
  const isSysadmin = useMe().data?.roles.includes('sysadmin') ?? false;
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  // The units tab is searched, filtered and paged on the server (issue #12 item 3).
  const unitPage = usePagedUnits({ q: q.trim() || undefined, ...(kind ? { kind } : {}), ...paging });
  const allUnits = units.data?.units ?? [];
  const allGroups = groups.data?.groups ?? [];
  const nameById = useMemo(() => new Map(allUnits.map((u) => [u.id, u.name])), [allUnits]);
  const terms = useMemo(() => searchTerms(q), [q]);
  const visibleUnits = unitPage.data?.units ?? [];
  const visibleGroups = useMemo(
    () => allGroups.filter((g) => matchesAll(terms, [g.name, ...g.aliases, ...g.members.map((m) => m.name)])),
    [allGroups, terms],
  );

  const unitColumns: ColumnsType<Unit> = [
    {
      title: t('shortName'),
      dataIndex: 'name',
      width: 200,
      render: (name: string, u) => (
        <Flex gap={4} wrap align="center">
          {name}
          {u.mergedInto ? (
            <Tag>{et('mergedTag', { name: nameById.get(u.mergedInto) ?? '' })}</Tag>
          ) : (
            u.disabled && <Tag>{et('disabledTag')}</Tag>
          )}
        </Flex>
      ),
    },
    { title: t('fullName'), dataIndex: 'fullName' },
    { title: t('kind'), dataIndex: 'kind', width: 100, render: (k: Unit['kind']) => pt(k) },
    {
      title: t('aliases'),
      dataIndex: 'aliases',
      render: (a: string[]) => (
        <Flex wrap gap={4}>
          {a.map((x) => (
            <Tag key={x} style={{ marginInlineEnd: 0 }}>
              {x}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('parent'),
      dataIndex: 'parentId',
      width: 120,
      render: (p: string | null) => (p ? nameById.get(p) : ''),
    },
    {
      title: et('actions'),
      key: 'actions',
      width: 190,
      render: (_, u) => <UnitActions unit={u} onEdit={setEditing} />,
    },
  ];
  const groupColumns: ColumnsType<Group> = [
    {
      title: t('shortName'),
      dataIndex: 'name',
      width: 260,
      render: (name: string, g) => (
        <>
          {name} {g.decidedPerPlan && <Tag color="gold">{t('perPlan')}</Tag>}
        </>
      ),
    },
    {
      title: t('members'),
      key: 'members',
      render: (_, g) =>
        g.decidedPerPlan ? (
          <Typography.Text type="secondary">{g.candidateKinds.map((k) => pt(k)).join('、')}</Typography.Text>
        ) : (
          g.members.map((m) => m.name).join('、')
        ),
    },
    {
      title: et('actions'),
      key: 'actions',
      width: 150,
      render: (_, g) => (
        <Flex gap={0} wrap>
          {!g.decidedPerPlan && (
            <Button
              size="small"
              type="link"
              onClick={() => setEditing({ kind: 'members', group: g })}
              aria-label={`${et('members')} ${g.name}`}
            >
              {et('members')}
            </Button>
          )}
          <Button
            size="small"
            type="link"
            onClick={() =>
              setEditing({ kind: 'history', subject: { type: 'group', id: g.id, name: g.name } })
            }
          >
            {et('history')}
          </Button>
        </Flex>
      ),
    },
  ];

  const body = () => {
    if (units.isPending || groups.isPending) return <LoadingState />;
    if (units.isError) return <ErrorState error={units.error} onRetry={() => units.refetch()} />;
    if (groups.isError) return <ErrorState error={groups.error} onRetry={() => groups.refetch()} />;
    if (allUnits.length === 0) return <EmptyState description={t('unitsEmpty')} />;
    return (
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'units' | 'groups')}
        items={[
          {
            key: 'units',
            label: t('unitsTab', { n: allUnits.length }),
            children: (
              <Table<Unit>
                rowKey="id"
                size="small"
                tableLayout="fixed"
                columns={unitColumns}
                dataSource={visibleUnits}
                loading={unitPage.isFetching}
                pagination={{
                  current: paging.page,
                  pageSize: paging.pageSize,
                  total: unitPage.data?.total ?? 0,
                  hideOnSinglePage: true,
                  onChange: (page, pageSize) =>
                    setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
                }}
              />
            ),
          },
          {
            key: 'groups',
            label: t('groupsTab', { n: allGroups.length }),
            children: (
              <Table<Group>
                rowKey="id"
                size="small"
                tableLayout="fixed"
                columns={groupColumns}
                dataSource={visibleGroups}
                pagination={false}
              />
            ),
          },
        ]}
      />
    );
  };

  return (
    <Page
      title={t('unitsTitle')}
      subtitle={t('unitsSubtitle')}
      extra={
        <>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            disabled={units.isPending}
          >
            {t('createUnit')}
          </Button>
          {isSysadmin && <DirectoryImportButton />}
          <DirectoryExportButtons />
          {tab === 'units' ? (
            <ExportButton
              list="units"
              query={{ q: q.trim() || undefined, ...(kind ? { kind } : {}) }}
              disabled={!unitPage.data?.total}
            />
          ) : (
            <ExportButton
              list="groups"
              query={{ q: q.trim() || undefined }}
              disabled={visibleGroups.length === 0}
            />
          )}
        </>
      }
    >
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 4 }}>
          <Input.Search
            allowClear
            aria-label={t('searchUnits')}
            placeholder={t('searchUnits')}
            style={{ width: 260 }}
            onSearch={(v) => {
              setQ(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
          {tab === 'units' && (
            <Select<Unit['kind']>
              allowClear
              aria-label={t('kind')}
              placeholder={t('kind')}
              style={{ width: 150 }}
              value={kind}
              onChange={(v) => {
                setKind(v);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              options={KINDS.map((k) => ({ value: k, label: pt(k) }))}
            />
          )}
        </Flex>
        {body()}
      </Card>
      {creating && <CreateUnitModal units={allUnits} onClose={() => setCreating(false)} />}
      {editing && <UnitEditModal edit={editing} units={allUnits} onClose={() => setEditing(null)} />}
    </Page>
  );
}
