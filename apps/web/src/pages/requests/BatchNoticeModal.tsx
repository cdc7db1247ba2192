import type { BoardRow } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, List, Modal, Typography } from 'antd';
import { useMemo } from 'react';
import { getFeedback } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { noticeActions } from '../../api/requests.ts';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { addDays, todayIso } from '../../lib/time.ts';
import { unitsOf } from '../board/boardGroups.ts';
import { requestMessages } from './messages.ts';
import { NoticeFields } from './NoticeFields.tsx';
import { itemLine } from './noticeDraft.ts';

interface Values {
  level: 'yellow' | 'red';
  replyDue: string;
  reason: string;
}

/** The shared reason of a joint notice: each unit's items in words, then what is asked of them. */
function jointReason(rows: readonly BoardRow[]) {
  const units = unitsOf(rows);
  return [
    '经核查，以下单位承担的工作存在预警：',
    ...units.map(
      (u) =>
        `${u.unitName}：${rows
          .filter((r) => r.unitId === u.unitId)
          .map((r) => itemLine(r))
          .join('；')}`,
    ),
    '请于答复期限前书面说明原因、整改措施和完成时间，并附佐证材料。',
  ].join('\n');
}

/**
 * 下发督办单 to several units at once, from the board's chosen items: one notice per unit on its own
 * measures, issued together (the server writes all of them or none).
 */
export function BatchNoticeModal({
  planId,
  rows,
  onClose,
  onIssued,
}: {
  planId: string;
  rows: readonly BoardRow[];
  onClose: () => void;
  onIssued: () => void;
}) {
  const t = useT(requestMessages);
  const s = useT(supervisionMessages);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const units = useMemo(() => unitsOf(rows), [rows]);
  const today = todayIso();
  const issue = useMutation({
    mutationFn: (v: Values) =>
      noticeActions.issueMany({
        planId,
        units: units.map((u) => ({ unitId: u.unitId, measureIds: u.measureIds })),
        level: v.level,
        replyDue: v.replyDue,
        reason: v.reason.trim(),
      }),
    meta: { silent: true },
    onSuccess(r) {
      getFeedback()?.message.success(t('batchIssued', { n: r.noticeIds.length }));
      void invalidateSupervision(queryClient);
      onIssued();
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('batchTitle', { n: units.length })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('issueNotice')}
      cancelText={s('cancel')}
      confirmLoading={issue.isPending}
      destroyOnHidden
      width={720}
    >
      <Typography.Paragraph type="secondary">{t('batchHelp')}</Typography.Paragraph>
      <Typography.Text strong>{t('batchUnits')}</Typography.Text>
      <List
        size="small"
        bordered
        style={{ margin: '8px 0 16px', maxHeight: 200, overflowY: 'auto' }}
        dataSource={units}
        renderItem={(u) => (
          <List.Item>
            <Typography.Text>{u.unitName}</Typography.Text>
            <Typography.Text type="secondary">
              {rows
                .filter((r) => r.unitId === u.unitId)
                .map((r) => s('measureNo', { no: `${r.task}.${r.seq}` }))
                .join('、')}
            </Typography.Text>
          </List.Item>
        )}
      />
      <Form<Values>
        form={form}
        name="batchNotice"
        layout="vertical"
        initialValues={{
          level: rows.some((r) => r.light === 'red') ? 'red' : 'yellow',
          replyDue: addDays(today, 7),
          reason: jointReason(rows),
        }}
        onFinish={(v) => issue.mutate(v)}
      >
        <NoticeFields today={today} />
        <MutationAlert error={issue.error} />
      </Form>
    </Modal>
  );
}
