import {
  BULLETIN_SECTIONS,
  type BulletinResponse,
  type BulletinSection,
  type BulletinTextsRequest,
} from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import {
  bulletinDocxUrl,
  bulletinPdfUrl,
  documentKeys,
  saveBulletinTexts,
  useBulletin,
} from '../../api/documents.ts';
import { getFeedback } from '../../api/feedback.tsx';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { PlanPicker, usePickedPlan } from '../overview/PlanPicker.tsx';
import { documentMessages } from './messages.ts';

type Texts = Omit<BulletinTextsRequest, 'version'>;

/** Last month (a bulletin reports a month that has ended), as `YYYY-MM`. */
const lastMonth = () => dayjs().subtract(1, 'month').format('YYYY-MM');

/** 月度通报: preview a plan's month, edit the free paragraphs, switch sections, download the .docx. */
export function BulletinPage() {
  const t = useT(documentMessages);
  const [params, setParams] = useSearchParams();
  const { plans, published, picked, pick } = usePickedPlan();
  const period = params.get('period') ?? lastMonth();
  const query = useBulletin(picked?.id, period);
  const setPeriod = (p: string) => {
    const next = new URLSearchParams(params);
    next.set('period', p);
    setParams(next, { replace: true });
  };
  const body = () => {
    if (plans.isPending || (picked && query.isPending)) return <LoadingState rows={10} />;
    if (plans.isError) return <ErrorState error={plans.error} onRetry={() => plans.refetch()} />;
    if (!picked) return <EmptyState description={t('noPlan')} />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
    if (!query.data) return null;
    return (
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <TextsCard key={`${picked.id}|${period}`} data={query.data} reload={() => query.refetch()} />
        </Col>
        <Col xs={24} xl={15}>
          <Preview data={query.data} />
        </Col>
      </Row>
    );
  };
  return (
    <Page
      title={t('title')}
      subtitle={t('subtitle')}
      extra={
        <Flex gap={8} wrap align="center">
          <PlanPicker published={published} picked={picked} pick={pick} />
          <DatePicker
            picker="month"
            aria-label={t('month')}
            allowClear={false}
            value={dayjs(`${period}-01`)}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            onChange={(d) => d && setPeriod(d.format('YYYY-MM'))}
          />
          <Button
            type="primary"
            href={picked ? bulletinDocxUrl(picked.id, period) : undefined}
            disabled={!picked}
          >
            {t('download')}
          </Button>
          <Button href={picked ? bulletinPdfUrl(picked.id, period) : undefined} disabled={!picked}>
            {t('downloadPdf')}
          </Button>
        </Flex>
      }
    >
      {body()}
    </Page>
  );
}

function TextsCard({ data, reload }: { data: BulletinResponse; reload: () => Promise<unknown> }) {
  const t = useT(documentMessages);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Texts & { sectionsOn: BulletinSection[] }>();
  const texts = data.texts;
  useEffect(() => {
    form.setFieldsValue({
      docNo: texts.docNo,
      opening: texts.opening,
      closing: texts.closing,
      sectionsOn: BULLETIN_SECTIONS.filter((s) => !texts.sectionsOff.includes(s)),
    });
  }, [form, texts]);
  const save = useMutation({
    mutationFn: (v: Texts & { sectionsOn: BulletinSection[] }) =>
      saveBulletinTexts(data.planId, data.period, {
        version: texts.version,
        docNo: v.docNo.trim(),
        opening: v.opening,
        closing: v.closing,
        sectionsOff: BULLETIN_SECTIONS.filter((s) => !v.sectionsOn.includes(s)),
      }),
    meta: { silent: true },
    onSuccess(saved) {
      queryClient.setQueryData(documentKeys.bulletin(data.planId, data.period), { ...data, texts: saved });
      getFeedback()?.message.success(t('saved'));
    },
  });
  return (
    <Card size="small" title={<h2 className="card-heading">{t('texts')}</h2>}>
      <Form form={form} name="bulletinTexts" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label={t('docNo')} name="docNo">
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label={t('opening')} name="opening">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item label={t('closing')} name="closing">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item label={t('sections')} name="sectionsOn">
          <Checkbox.Group options={BULLETIN_SECTIONS.map((s) => ({ value: s, label: t(s) }))} />
        </Form.Item>
        <MutationAlert error={save.error} onReload={() => void reload()} />
        <Flex gap={12} align="center" wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('save')}
          </Button>
          <Typography.Text type="secondary">
            {texts.updatedAt
              ? t('savedBy', { who: texts.updatedBy ?? '—', at: formatInstant(texts.updatedAt) })
              : t('notSaved')}
          </Typography.Text>
        </Flex>
      </Form>
    </Card>
  );
}

function Section({
  data,
  id,
  children,
}: {
  data: BulletinResponse;
  id: BulletinSection;
  children: React.ReactNode;
}) {
  const t = useT(documentMessages);
  const off = data.texts.sectionsOff.includes(id);
  return (
    <Card
      size="small"
      title={
        <h2 className="card-heading">
          {t(id)}
          {off && <Typography.Text type="secondary">{t('off')}</Typography.Text>}
        </h2>
      }
      style={off ? { opacity: 0.55 } : undefined}
    >
      {children}
    </Card>
  );
}

const small = { size: 'small' as const, pagination: { pageSize: 10, hideOnSinglePage: true } };

function Preview({ data }: { data: BulletinResponse }) {
  const t = useT(documentMessages);
  const c = data.progress.counts;
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('asOf', { day: data.asOf })}</Typography.Text>
      <Section data={data} id="progress">
        <Typography.Paragraph>
          {t('countsLine', { total: c.green + c.yellow + c.red + c.done, ...c })}
        </Typography.Paragraph>
        <Table
          {...small}
          rowKey="ordinal"
          dataSource={data.progress.sections}
          columns={[
            { title: t('progress'), render: (_, s) => `${s.ordinal}${s.title}` },
            { title: t('onTime'), render: (_, s) => s.counts.green, width: 72 },
            { title: <Tag color="gold">Y</Tag>, render: (_, s) => s.counts.yellow, width: 64 },
            { title: <Tag color="red">R</Tag>, render: (_, s) => s.counts.red, width: 64 },
            { title: t('closed'), render: (_, s) => s.counts.done, width: 72 },
          ]}
        />
      </Section>
      <Section data={data} id="units">
        <Table
          {...small}
          rowKey="unitId"
          dataSource={data.units}
          columns={[
            { title: t('rank'), dataIndex: 'rank', width: 64 },
            { title: t('unit'), dataIndex: 'unitName' },
            { title: t('assignments'), dataIndex: 'assignments', width: 72 },
            { title: t('onTime'), dataIndex: 'onTime', width: 64 },
            { title: t('behind'), dataIndex: 'behind', width: 64 },
            { title: t('overdue'), dataIndex: 'overdue', width: 64 },
            { title: t('closed'), dataIndex: 'closed', width: 72 },
            { title: t('missing'), dataIndex: 'reportsMissing', width: 64 },
          ]}
        />
      </Section>
      <Section data={data} id="items">
        <Table
          {...small}
          rowKey={(i) => `${i.measure}|${i.unitName}`}
          dataSource={data.items}
          locale={{ emptyText: t('none') }}
          columns={[
            {
              title: t('light'),
              width: 64,
              render: (_, i) => (
                <Tag color={i.light === 'red' ? 'red' : 'gold'}>{i.light === 'red' ? '红' : '黄'}</Tag>
              ),
            },
            { title: t('measure'), dataIndex: 'measure', width: 72 },
            { title: t('unit'), dataIndex: 'unitName', width: 140 },
            { title: t('reasons'), render: (_, i) => i.reasons.join('；') },
          ]}
        />
      </Section>
      <Section data={data} id="notices">
        <Table
          {...small}
          rowKey="id"
          dataSource={data.notices}
          locale={{ emptyText: t('none') }}
          columns={[
            { title: t('number'), dataIndex: 'number' },
            { title: t('unit'), dataIndex: 'unitName' },
            { title: t('measure'), render: (_, n) => n.measures.join('、') },
            { title: t('issuedOn'), dataIndex: 'issuedOn' },
            { title: t('answeredOn'), render: (_, n) => n.answeredOn ?? '—' },
          ]}
        />
      </Section>
      <Section data={data} id="extensions">
        <Table
          {...small}
          rowKey={(x) => `${x.measure}|${x.unitName}|${x.decidedOn}|${x.newDue}`}
          dataSource={data.extensions}
          locale={{ emptyText: t('none') }}
          columns={[
            { title: t('measure'), dataIndex: 'measure', width: 72 },
            { title: t('unit'), dataIndex: 'unitName' },
            { title: t('reasons'), dataIndex: 'subject' },
            { title: t('newDue'), dataIndex: 'newDue' },
          ]}
        />
      </Section>
      <Section data={data} id="closures">
        <Table
          {...small}
          rowKey={(x) => `${x.measure}|${x.unitName}|${x.closedOn}`}
          dataSource={data.closures}
          locale={{ emptyText: t('none') }}
          columns={[
            { title: t('measure'), dataIndex: 'measure', width: 72 },
            { title: t('unit'), dataIndex: 'unitName' },
            { title: t('closedOn'), dataIndex: 'closedOn' },
          ]}
        />
      </Section>
      {data.rankings.length > 0 && (
        <Section data={data} id="rankings">
          {t('rankingsCount', { n: data.rankings.length })}：
          {data.rankings.map((r) => `${r.indicatorName}（${r.ranking.period}）`).join('、')}
        </Section>
      )}
      {(data.cases.received > 0 || data.cases.overdue.length > 0) && (
        <Section data={data} id="cases">
          <Typography.Paragraph>
            {t('casesLine', {
              received: data.cases.received,
              closed: data.cases.closed,
              open: data.cases.open,
              overdue: data.cases.overdue.length,
              repeats: data.cases.repeats.length,
            })}
          </Typography.Paragraph>
          <Table
            {...small}
            rowKey="district"
            dataSource={data.cases.byDistrict}
            columns={[
              { title: t('district'), dataIndex: 'district' },
              { title: t('received'), dataIndex: 'received', align: 'right' },
              { title: t('closed'), dataIndex: 'closed', align: 'right' },
              { title: t('overdueCases'), dataIndex: 'overdue', align: 'right' },
            ]}
          />
        </Section>
      )}
    </Flex>
  );
}
