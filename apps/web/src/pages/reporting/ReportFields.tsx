import type { AssignmentBrief } from '@lantian/contract';
import {
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Tag,
  Typography,
} from 'antd';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { paren } from '../../i18n/punctuation.ts';
import { day, todayIso } from '../../lib/time.ts';
import { targetMessages } from '../import/targetMessages.ts';
import { formatTarget } from '../plans/format.ts';
import { reportingMessages } from './messages.ts';
import { dueInForce, type ReportValues, targetShare } from './reportModel.ts';

const block = { border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12 };

/** A value for each of the measure's targets, with the target, its unit and the progress it makes. */
export function TargetFields({
  assignment,
  form,
}: {
  assignment: AssignmentBrief;
  form: FormInstance<ReportValues>;
}) {
  const t = useT(reportingMessages);
  const tt = useT(targetMessages);
  const { lang } = useLocale();
  const values = Form.useWatch('targets', form);
  if (assignment.targets.length === 0) return null;
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
      <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 8 }}>{t('targetsCard')}</legend>
      {assignment.targets.map((target) => {
        const whole = formatTarget(target, lang);
        // A city-wide target: the unit reports its contribution, judged against its share if one is set.
        const unitShare = target.cityWide ? (target.share ?? null) : null;
        const goal = unitShare === null ? whole : formatTarget({ ...target, value: unitShare }, lang);
        const share = target.cityWide
          ? unitShare === null
            ? null
            : targetShare({ ...target, value: unitShare }, values?.[target.id]?.value)
          : targetShare(target, values?.[target.id]?.value);
        const label = target.cityWide
          ? unitShare === null
            ? tt('contribution')
            : paren(tt('contribution'), tt('contributionShare', { share: goal }))
          : paren(t('targetValue'), goal);
        return (
          <div key={target.id} style={block}>
            <Flex justify="space-between" align="baseline" gap={8} wrap style={{ marginBottom: 8 }}>
              <Typography.Text>{target.text}</Typography.Text>
              <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                {target.cityWide ? `${tt('city')} ${whole}` : t('targetGoal', { goal })}
              </Tag>
            </Flex>
            {target.cityWide && unitShare === null && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                {tt('contributionNoShare', { goal: whole })}
              </Typography.Paragraph>
            )}
            <Row gutter={12} align="bottom">
              <Col xs={24} md={8}>
                <Form.Item label={label} name={['targets', target.id, 'value']}>
                  <InputNumber style={{ width: '100%' }} suffix={target.unit || undefined} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item label={t('targetNote')} name={['targets', target.id, 'note']}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item label={t('progress')}>
                  {share === null ? (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ) : (
                    <ProgressBar value={share} width={140} />
                  )}
                </Form.Item>
              </Col>
            </Row>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Each milestone: reached or not, and on which day (not after today). */
export function MilestoneFields({
  assignment,
  form,
}: {
  assignment: AssignmentBrief;
  form: FormInstance<ReportValues>;
}) {
  const t = useT(reportingMessages);
  const milestones = Form.useWatch('milestones', form);
  const today = todayIso();
  if (assignment.milestones.length === 0) return null;
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
      <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 8 }}>{t('milestonesCard')}</legend>
      {[...assignment.milestones]
        .sort((x, y) => x.due.localeCompare(y.due))
        .map((m) => {
          const inForce = dueInForce(assignment, m.id, m.due);
          const reached = !!milestones?.[m.id]?.reached;
          return (
            <div key={m.id} style={block}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <Tag color="processing">{m.raw}</Tag>
                {m.text}
              </Typography.Paragraph>
              <Typography.Text type={inForce.original ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
                {inForce.original
                  ? t('milestoneExtended', { original: inForce.original, due: inForce.due ?? '' })
                  : t('milestoneDue', { due: m.due })}
              </Typography.Text>
              <Row gutter={12} style={{ marginTop: 8 }}>
                <Col xs={24} md={8}>
                  <Form.Item name={['milestones', m.id, 'reached']} valuePropName="checked">
                    <Checkbox>{paren(t('milestoneReached'), m.raw)}</Checkbox>
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item
                    label={paren(t('reachedOn'), m.raw)}
                    name={['milestones', m.id, 'reachedOn']}
                    rules={reached ? [{ required: true, message: t('reachedOnRequired') }] : []}
                    getValueProps={(v: string | null | undefined) => ({ value: v ? day(v) : null })}
                    normalize={(d: { format(f: string): string } | null) =>
                      d ? d.format('YYYY-MM-DD') : null
                    }
                  >
                    <DatePicker
                      disabled={!reached || undefined}
                      style={{ width: '100%' }}
                      disabledDate={(d) => d.format('YYYY-MM-DD') > today}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          );
        })}
    </fieldset>
  );
}
