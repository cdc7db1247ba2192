/**
 * 案件设置 (office): the problem categories (code, name, active) with each one's time limit per severity,
 * and the windows — repeat detection, revisit after closure, reminder before the due day. Saved at once
 * (PUT /cases/settings, audited); the server refuses removing a category that has cases (switch it off).
 */
import { CASE_SEVERITIES } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Switch, Table, Tooltip } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useState } from 'react';
import { caseKeys, useCaseSettings } from '../../api/cases.ts';
import { api } from '../../api/client.ts';
import { getFeedback, showError } from '../../api/feedback.tsx';
import { schemaOf } from '../../api/schemas.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import {
  type CategoryRow,
  CODE_PATTERN,
  emptyRow,
  fromForm,
  rowProblems,
  type SettingsForm,
  toForm,
} from './caseSettingsModel.ts';
import { caseMessages } from './messages.ts';
import { settingsMessages } from './settingsMessages.ts';

export function CaseSettingsPage() {
  const t = useT(settingsMessages);
  const tc = useT(caseMessages);
  const qc = useQueryClient();
  const settings = useCaseSettings();
  const [form] = Form.useForm<SettingsForm>();
  const [noActive, setNoActive] = useState(false);
  const data = settings.data?.settings;
  useEffect(() => {
    if (data) form.setFieldsValue(toForm(data));
  }, [data, form]);
  const save = useMutation({
    mutationFn: (f: SettingsForm) =>
      api.put('/cases/settings', fromForm(f), { schema: schemaOf('CaseSettingsResponse') }),
    onSuccess: async (r) => {
      qc.setQueryData(caseKeys.settings(), r);
      form.setFieldsValue(toForm(r.settings));
      getFeedback()?.message.success(t('saved'));
    },
    onError: showError,
  });
  if (settings.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => settings.refetch()} />;

  const rows = (): CategoryRow[] => form.getFieldValue('categories') ?? [];
  const codeRules: Rule[] = [
    { required: true, whitespace: true, message: t('codeRequired') },
    { max: 40, message: t('codeTooLong') },
    { pattern: CODE_PATTERN, message: t('codePattern') },
    {
      validator: (_, v: string | undefined) => {
        const code = (v ?? '').trim();
        const n = rows().filter((r) => r.code.trim() === code).length;
        return code && n > 1 ? Promise.reject(new Error(t('codeDuplicate', { code }))) : Promise.resolve();
      },
    },
  ];
  const daysRules = (row: number): Rule[] => [
    { type: 'integer', min: 1, max: 365, message: t('daysRange') },
    {
      validator: (_, v: number | null | undefined) =>
        rows()[row]?.active && v == null ? Promise.reject(new Error(t('daysRequired'))) : Promise.resolve(),
    },
  ];
  const windowRules = (min: number, max: number, message: string): Rule[] => [
    { required: true, message: t('windowRequired') },
    { type: 'integer', min, max, message },
  ];

  return (
    <Page title={t('title')} subtitle={t('subtitle')}>
      <Form<SettingsForm>
        form={form}
        layout="vertical"
        initialValues={data ? toForm(data) : undefined}
        onFinish={() => {
          const values = form.getFieldsValue(true) as SettingsForm;
          const none = rowProblems(values).some((p) => p.kind === 'noActive');
          setNoActive(none);
          if (!none) save.mutate(values);
        }}
      >
        <Card size="small" title={t('categories')} style={{ marginBottom: 16 }}>
          {noActive && <Alert type="error" showIcon message={t('noActive')} style={{ marginBottom: 12 }} />}
          <Form.List name="categories">
            {(fields, { add, remove }) => (
              <>
                <Table
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={fields}
                  columns={[
                    {
                      title: t('colCode'),
                      key: 'code',
                      width: 200,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'code']} rules={codeRules} style={{ margin: 0 }}>
                          <Input aria-label={t('colCode')} disabled={rows()[f.name]?.saved} maxLength={41} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('colName'),
                      key: 'name',
                      render: (_, f) => (
                        <Form.Item
                          name={[f.name, 'name']}
                          rules={[
                            { required: true, whitespace: true, message: t('nameRequired') },
                            { max: 40, message: t('nameTooLong') },
                          ]}
                          style={{ margin: 0 }}
                        >
                          <Input aria-label={t('colName')} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('colActive'),
                      key: 'active',
                      width: 70,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'active']} valuePropName="checked" style={{ margin: 0 }}>
                          <Switch
                            aria-label={t('colActive')}
                            onChange={() =>
                              form.validateFields(
                                CASE_SEVERITIES.map((s) => ['categories', f.name, 'days', s]),
                              )
                            }
                          />
                        </Form.Item>
                      ),
                    },
                    ...CASE_SEVERITIES.map((sev) => ({
                      title: t('colDays', { severity: tc(`severity_${sev}`) }),
                      key: sev,
                      width: 130,
                      render: (_: unknown, f: { name: number }) => (
                        <Form.Item
                          name={[f.name, 'days', sev]}
                          rules={daysRules(f.name)}
                          style={{ margin: 0 }}
                        >
                          <InputNumber
                            aria-label={t('colDays', { severity: tc(`severity_${sev}`) })}
                            precision={0}
                            style={{ width: '100%' }}
                          />
                        </Form.Item>
                      ),
                    })),
                    {
                      title: '',
                      key: 'remove',
                      width: 70,
                      render: (_, f) =>
                        rows()[f.name]?.saved ? (
                          <Tooltip title={t('removeHint')}>
                            <Button size="small" disabled>
                              {t('remove')}
                            </Button>
                          </Tooltip>
                        ) : (
                          <Button size="small" danger onClick={() => remove(f.name)}>
                            {t('remove')}
                          </Button>
                        ),
                    },
                  ]}
                />
                <Button style={{ marginTop: 8 }} onClick={() => add(emptyRow())}>
                  {t('addCategory')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title={t('windows')} style={{ marginBottom: 16 }}>
          <Flex gap={24} wrap>
            <Form.Item
              name="repeatWindowDays"
              label={t('repeatWindowDays')}
              extra={t('repeatWindowHelp')}
              rules={windowRules(0, 365, t('repeatRange'))}
              style={{ maxWidth: 320 }}
            >
              <InputNumber precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="revisitAfterDays"
              label={t('revisitAfterDays')}
              rules={windowRules(1, 365, t('revisitRange'))}
            >
              <InputNumber precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="remindDaysBefore"
              label={t('remindDaysBefore')}
              rules={windowRules(0, 30, t('remindRange'))}
            >
              <InputNumber precision={0} style={{ width: 160 }} />
            </Form.Item>
          </Flex>
        </Card>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('save')}
          </Button>
          <Button
            onClick={() => {
              setNoActive(false);
              if (data) form.setFieldsValue(toForm(data));
            }}
          >
            {t('reset')}
          </Button>
        </Flex>
      </Form>
    </Page>
  );
}
