/** The review's decision per target: city-wide or each unit's (switchable by the office), and the shares. */
import type { Measure, Target } from '@lantian/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, InputNumber, Modal, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorText, getFeedback } from '../../api/feedback.tsx';
import { planKeys } from '../../api/plans.ts';
import { getTargetScope, setTargetScope, targetScopeKeys } from '../../api/targetScope.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { formatTarget } from '../plans/format.ts';
import { targetMessages } from './targetMessages.ts';
import { scopeOf, sharesToSave, sharesTotal } from './targetScope.ts';

export function TargetScopes({ planId, measure }: { planId: string; measure: Measure }) {
  if (measure.targets.length === 0) return null;
  return (
    <Flex vertical gap={4} style={{ marginTop: 6 }}>
      {measure.targets.map((t) => (
        <TargetScopeRow key={t.id} planId={planId} target={t} />
      ))}
    </Flex>
  );
}

function TargetScopeRow({ planId, target }: { planId: string; target: Target }) {
  const t = useT(targetMessages);
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const { kind, byOffice } = scopeOf(target);
  const save = useMutation({
    mutationFn: (cityWide: boolean | null) => setTargetScope(planId, target.id, { cityWide }),
    meta: { silent: true },
    onSuccess() {
      getFeedback()?.message.success(t('saved'));
      void queryClient.invalidateQueries({ queryKey: planKeys.measures(planId) });
    },
    onError(e) {
      getFeedback()?.message.error(errorText(e, lang));
    },
  });
  const shareCount = target.shares?.length ?? 0;
  return (
    <Flex gap={6} align="center" wrap style={{ fontSize: 12 }}>
      <Tooltip title={target.text}>
        <Tag color="purple" style={{ marginInlineEnd: 0, fontSize: 12 }}>
          {formatTarget(target, lang)}
        </Tag>
      </Tooltip>
      <Tooltip title={t('cityHelp')}>
        <Switch
          size="small"
          aria-label={`${t('switchLabel')} ${formatTarget(target, lang)}`}
          checked={kind === 'city'}
          loading={save.isPending}
          onChange={(on) => save.mutate(on)}
        />
      </Tooltip>
      <Typography.Text style={{ fontSize: 12 }}>
        {t(kind)} ·{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(byOffice ? 'byOffice' : 'byRule')}
        </Typography.Text>
      </Typography.Text>
      {byOffice && (
        <Button size="small" type="link" style={{ padding: 0 }} onClick={() => save.mutate(null)}>
          {t('backToRule')}
        </Button>
      )}
      {kind === 'city' && (
        <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setEditing(true)}>
          {t('shares')}
          {shareCount > 0 ? `（${t('sharesCount', { n: shareCount })}）` : ''}
        </Button>
      )}
      {editing && <SharesModal planId={planId} target={target} onClose={() => setEditing(false)} />}
    </Flex>
  );
}

function SharesModal({ planId, target, onClose }: { planId: string; target: Target; onClose: () => void }) {
  const t = useT(targetMessages);
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: targetScopeKeys.one(planId, target.id),
    queryFn: ({ signal }) => getTargetScope(planId, target.id, signal),
  });
  const [values, setValues] = useState<Record<string, number | null> | null>(null);
  const current =
    values ?? Object.fromEntries((detail.data?.shares ?? []).map((s) => [s.unitId, s.value] as const));
  const { shares, invalid } = sharesToSave(current);
  const sum = sharesTotal(target.value, shares);
  const save = useMutation({
    mutationFn: () => setTargetScope(planId, target.id, { cityWide: true, shares }),
    meta: { silent: true },
    onSuccess(res) {
      queryClient.setQueryData(targetScopeKeys.one(planId, target.id), res);
      void queryClient.invalidateQueries({ queryKey: planKeys.measures(planId) });
      getFeedback()?.message.success(t('saved'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${t('sharesTitle')} · ${formatTarget(target, lang)}`}
      onCancel={onClose}
      onOk={() => save.mutate()}
      okText={t('save')}
      okButtonProps={{ disabled: invalid.length > 0 || detail.isPending }}
      confirmLoading={save.isPending}
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('sharesHelp')}</Typography.Paragraph>
      {detail.isError && <Alert type="error" showIcon title={errorText(detail.error, lang)} />}
      {save.isError && (
        <Alert type="error" showIcon title={errorText(save.error, lang)} style={{ marginBottom: 8 }} />
      )}
      <Table
        rowKey="unitId"
        size="small"
        loading={detail.isPending}
        pagination={false}
        scroll={{ y: 360 }}
        dataSource={detail.data?.units ?? []}
        columns={[
          { title: t('unitCol'), dataIndex: 'unitName' },
          {
            title: t('shareCol'),
            key: 'share',
            width: 180,
            render: (_, u) => (
              <InputNumber
                aria-label={`${t('shareCol')} ${u.unitName}`}
                min={0}
                style={{ width: '100%' }}
                suffix={target.unit || undefined}
                status={invalid.includes(u.unitId) ? 'error' : undefined}
                value={current[u.unitId] ?? null}
                onChange={(v) => setValues({ ...current, [u.unitId]: typeof v === 'number' ? v : null })}
              />
            ),
          },
        ]}
      />
      <Flex vertical gap={4} style={{ marginTop: 8 }}>
        <Typography.Text>{t('sharesTotal', { total: sum.total, target: target.value })}</Typography.Text>
        {invalid.length > 0 && <Typography.Text type="danger">{t('sharesInvalid')}</Typography.Text>}
        {sum.differs && <Alert type="warning" showIcon title={t('sharesDiffer', { gap: sum.gap })} />}
      </Flex>
    </Modal>
  );
}
