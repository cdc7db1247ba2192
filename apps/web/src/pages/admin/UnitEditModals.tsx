import type { Group, Unit } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { unitActions, useDirectoryHistory } from '../../api/admin.ts';
import { getFeedback } from '../../api/feedback.tsx';
import { directoryKeys } from '../../api/plans.ts';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { adminMessages } from './messages.ts';
import { unitEditMessages } from './unitEditMessages.ts';

export type UnitEdit =
  | { kind: 'edit' | 'disable' | 'enable' | 'merge'; unit: Unit }
  | { kind: 'members'; group: Group }
  | { kind: 'history'; subject: { type: 'unit' | 'group'; id: string; name: string } };

/** The row's actions in the units table. */
export function UnitActions({ unit, onEdit }: { unit: Unit; onEdit: (e: UnitEdit) => void }) {
  const t = useT(unitEditMessages);
  const history = () => onEdit({ kind: 'history', subject: { type: 'unit', id: unit.id, name: unit.name } });
  if (unit.mergedInto)
    return (
      <Button size="small" type="link" onClick={history}>
        {t('history')}
      </Button>
    );
  const act = (kind: 'edit' | 'disable' | 'enable' | 'merge') => () => onEdit({ kind, unit });
  return (
    <Flex gap={0} wrap>
      <Button size="small" type="link" onClick={act('edit')} aria-label={`${t('edit')} ${unit.name}`}>
        {t('edit')}
      </Button>
      <Button
        size="small"
        type="link"
        onClick={act(unit.disabled ? 'enable' : 'disable')}
        aria-label={`${unit.disabled ? t('enable') : t('disable')} ${unit.name}`}
      >
        {unit.disabled ? t('enable') : t('disable')}
      </Button>
      {!unit.disabled && (
        <Button size="small" type="link" onClick={act('merge')} aria-label={`${t('merge')} ${unit.name}`}>
          {t('merge')}
        </Button>
      )}
      <Button size="small" type="link" onClick={history} aria-label={`${t('history')} ${unit.name}`}>
        {t('history')}
      </Button>
    </Flex>
  );
}

/** Whichever edit is open. */
export function UnitEditModal({
  edit,
  units,
  onClose,
}: {
  edit: UnitEdit;
  units: Unit[];
  onClose: () => void;
}) {
  if (edit.kind === 'history') return <HistoryDrawer subject={edit.subject} onClose={onClose} />;
  return <EditForm edit={edit} units={units} onClose={onClose} />;
}

interface Values {
  name?: string;
  fullName?: string;
  aliases?: string[];
  reason?: string;
  intoUnitId?: string;
  unitIds?: string[];
}

function EditForm({
  edit,
  units,
  onClose,
}: {
  edit: Exclude<UnitEdit, { kind: 'history' }>;
  units: Unit[];
  onClose: () => void;
}) {
  const t = useT(unitEditMessages);
  const at = useT(adminMessages);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const reason = v.reason?.trim() ?? '';
      if (edit.kind === 'members')
        return unitActions.setMembers(edit.group.id, {
          unitIds: v.unitIds ?? [],
          reason: reason || undefined,
        });
      const id = edit.unit.id;
      if (edit.kind === 'edit')
        return unitActions.update(id, {
          name: v.name,
          fullName: v.fullName,
          aliases: v.aliases,
          reason: reason || undefined,
        });
      if (edit.kind === 'disable') return unitActions.disable(id, reason);
      if (edit.kind === 'enable') return unitActions.enable(id, reason);
      const r = await unitActions.merge(id, { intoUnitId: v.intoUnitId ?? '', reason });
      getFeedback()?.message.success(t('mergeDone', { n: r.moved.assignments ?? 0, u: r.moved.users ?? 0 }));
      return r;
    },
    meta: { silent: true },
    onSuccess() {
      if (edit.kind !== 'merge') getFeedback()?.message.success(t('saved'));
      void queryClient.invalidateQueries({ queryKey: directoryKeys.units });
      void queryClient.invalidateQueries({ queryKey: directoryKeys.groups });
      void queryClient.invalidateQueries({ queryKey: ['directory-history'] });
      onClose();
    },
  });
  const name = edit.kind === 'members' ? edit.group.name : edit.unit.name;
  const title = {
    edit: t('editTitle', { name }),
    disable: t('disableTitle', { name }),
    enable: t('enableTitle', { name }),
    merge: t('mergeTitle', { name }),
    members: t('membersTitle', { name }),
  }[edit.kind];
  const reasonRequired = edit.kind === 'disable' || edit.kind === 'enable' || edit.kind === 'merge';
  const active = units.filter((u) => !u.disabled && (edit.kind === 'members' || u.id !== edit.unit.id));
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: edit.kind === 'merge' || edit.kind === 'disable' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          edit.kind === 'edit'
            ? { name: edit.unit.name, fullName: edit.unit.fullName, aliases: edit.unit.aliases }
            : edit.kind === 'members'
              ? { unitIds: edit.group.members.map((m) => m.id) }
              : {}
        }
        onFinish={(v) => save.mutate(v)}
      >
        {edit.kind === 'edit' && (
          <>
            <Form.Item
              extra={t('editHint')}
              label={at('shortName')}
              name="name"
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              label={at('fullName')}
              name="fullName"
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item label={at('aliases')} name="aliases" extra={at('aliasesHint')}>
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['、', '，', ',']} />
            </Form.Item>
          </>
        )}
        {edit.kind === 'disable' && <p>{t('disableHint')}</p>}
        {edit.kind === 'merge' && (
          <>
            <p>{t('mergeHint', { name })}</p>
            <Form.Item
              label={t('mergeInto')}
              name="intoUnitId"
              rules={[{ required: true, message: t('required') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={active.map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </>
        )}
        {edit.kind === 'members' && (
          <Form.Item label={t('members')} name="unitIds">
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={active.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          label={reasonRequired ? t('reason') : t('reasonOptional')}
          name="reason"
          rules={reasonRequired ? [{ required: true, whitespace: true, message: t('reasonRequired') }] : []}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <MutationAlert error={save.error} />
      </Form>
    </Modal>
  );
}

function HistoryDrawer({
  subject,
  onClose,
}: {
  subject: { type: 'unit' | 'group'; id: string; name: string };
  onClose: () => void;
}) {
  const t = useT(unitEditMessages);
  const [page, setPage] = useState(1);
  const query = useDirectoryHistory(subject, page);
  const label = (a: string) => {
    const key = `a_${a}` as keyof typeof unitEditMessages;
    return key in unitEditMessages ? t(key) : a;
  };
  const show = (x: unknown) =>
    x && typeof x === 'object'
      ? Object.entries(x as Record<string, unknown>)
          .filter(([k]) => k !== 'moved')
          .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('、') : String(v)}`)
          .join('；')
      : '';
  return (
    <Drawer
      open
      onClose={onClose}
      size={720}
      title={t('historyTitle', { name: subject.name })}
      destroyOnHidden
    >
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          dataSource={query.data.changes}
          locale={{ emptyText: t('historyEmpty') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: query.data.total,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          columns={[
            { title: t('colAt'), key: 'at', width: 140, render: (_, c) => formatInstant(c.changedAt) },
            { title: t('colBy'), key: 'by', width: 100, render: (_, c) => c.changedBy ?? '—' },
            {
              title: t('colAction'),
              key: 'action',
              width: 110,
              render: (_, c) => <Tag>{label(c.action)}</Tag>,
            },
            {
              title: t('colWhat'),
              key: 'what',
              render: (_, c) => (
                <div>
                  <div>{t('before', { x: show(c.before) })}</div>
                  <div>{t('after', { x: show(c.after) })}</div>
                  {c.reason && <div>{t('reasonLine', { x: c.reason })}</div>}
                </div>
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
