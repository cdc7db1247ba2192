import type { BoardRow } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Descriptions, Form, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { getFeedback } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { noticeActions } from '../../api/requests.ts';
import { useBoard } from '../../api/status.ts';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { RoleTag } from '../../components/RoleTag.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { addDays, todayIso } from '../../lib/time.ts';
import { requestMessages } from './messages.ts';
import { NoticeFields } from './NoticeFields.tsx';
import { draftReason } from './noticeDraft.ts';

interface Values {
  measureIds: string[];
  level: 'yellow' | 'red';
  replyDue: string;
  reason: string;
}

/**
 * 下发督办单 from a board item: the unit and the item's measure filled in (more of the unit's yellow and
 * red items can be added), the level from its light, a reply date a week ahead, the reasons in words.
 */
export function IssueNoticeModal({ row, onClose }: { row: BoardRow; onClose: () => void }) {
  const t = useT(requestMessages);
  const s = useT(supervisionMessages);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [reasonEdited, setReasonEdited] = useState(false);
  const sameUnit = useBoard({
    planId: row.planId,
    unitId: row.unitId,
    light: 'attention',
    page: 1,
    pageSize: 200,
  });
  const candidates = useMemo(() => {
    const rows = sameUnit.data?.rows ?? [];
    return rows.some((r) => r.measureId === row.measureId) ? rows : [row, ...rows];
  }, [sameUnit.data, row]);
  const today = todayIso();
  const issue = useMutation({
    mutationFn: (v: Values) =>
      noticeActions.issue({
        planId: row.planId,
        unitId: row.unitId,
        measureIds: v.measureIds,
        level: v.level,
        replyDue: v.replyDue,
        reason: v.reason.trim(),
      }),
    meta: { silent: true },
    onSuccess(r) {
      getFeedback()?.message.success(t('issued'));
      void invalidateSupervision(queryClient);
      onClose();
      navigate(`/notices/${r.notice.id}`);
    },
  });
  return (
    <Modal
      open
      title={t('issueTitle', { unit: row.unitName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('issueNotice')}
      cancelText={s('cancel')}
      confirmLoading={issue.isPending}
      destroyOnHidden
      width={680}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'unit',
            label: s('unit'),
            children: (
              <>
                {row.unitName} <RoleTag role={row.role} />
              </>
            ),
          },
        ]}
      />
      <Form<Values>
        form={form}
        name="issueNotice"
        layout="vertical"
        initialValues={{
          measureIds: [row.measureId],
          level: row.light === 'red' ? 'red' : 'yellow',
          replyDue: addDays(today, 7),
          reason: draftReason(row.unitName, [row]),
        }}
        onValuesChange={(changed, all) => {
          if ('reason' in changed) setReasonEdited(true);
          if ('measureIds' in changed && !reasonEdited) {
            const chosen = candidates.filter((r) => all.measureIds.includes(r.measureId));
            form.setFieldValue('reason', draftReason(row.unitName, chosen));
          }
        }}
        onFinish={(v) => issue.mutate(v)}
      >
        <Form.Item
          label={t('issueMeasures')}
          name="measureIds"
          extra={t('issueMeasuresHelp')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Select
            mode="multiple"
            loading={sameUnit.isPending}
            optionFilterProp="label"
            options={candidates.map((r) => ({
              value: r.measureId,
              label: `${r.task}.${r.seq} ${r.measureText.slice(0, 40)}`,
            }))}
          />
        </Form.Item>
        <NoticeFields today={today} />
        <MutationAlert error={issue.error} />
      </Form>
    </Modal>
  );
}
