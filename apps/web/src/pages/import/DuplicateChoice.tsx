/** The answer to DUPLICATE_PLAN: import as a new version of the existing plan, or cancel. */
import { DuplicatePlan } from '@lantian/contract';
import { Alert, Button, Space } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { importMessages } from './messages.ts';

/** The existing plan named by a DUPLICATE_PLAN error, or null for any other error. */
export function duplicateOf(error: unknown): DuplicatePlan | null {
  if (!(error instanceof ApiError) || error.code !== 'DUPLICATE_PLAN') return null;
  const parsed = DuplicatePlan.safeParse(error.details);
  return parsed.success ? parsed.data : null;
}

interface Props {
  duplicate: DuplicatePlan;
  busy: boolean;
  onNewVersion(planId: string): void;
  onCancel(): void;
}

export function DuplicateChoice({ duplicate, busy, onNewVersion, onCancel }: Props) {
  const t = useT(importMessages);
  const { plan } = duplicate;
  const status = t(
    plan.status === 'draft'
      ? 'statusDraft'
      : plan.status === 'published'
        ? 'statusPublished'
        : 'statusArchived',
  );
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('duplicateTitle')}
      description={
        <Space direction="vertical">
          <span>
            {t(duplicate.match === 'same_file' ? 'duplicateSameFile' : 'duplicateSameTitle')}：
            {t('duplicatePlan', { title: plan.title, year: plan.year, status })}
          </span>
          <span>{t('asNewVersionHint')}</span>
          <Space>
            <Button type="primary" loading={busy} onClick={() => onNewVersion(plan.id)}>
              {t('asNewVersion')}
            </Button>
            <Button onClick={onCancel} disabled={busy}>
              {t('cancel')}
            </Button>
          </Space>
        </Space>
      }
    />
  );
}
