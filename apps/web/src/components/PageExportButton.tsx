import { FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { api } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { errorText, getFeedback } from '../api/feedback.tsx';
import { useLocale, useT } from '../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../layout/MeContext.ts';
import { downloadExcel, type ExportSpec } from '../lib/exportTable.ts';
import { formatInstant } from '../lib/time.ts';
import { commonMessages } from './messages.ts';

export interface ExportRequest<R> {
  fileName: string;
  title: string;
  /** The filters in words (`角色：牵头`), so a printout says what it contains. */
  filters: string[];
  spec: Omit<ExportSpec<R>, 'caption'>;
}

/**
 * Exports what a page summarises (a dashboard's table, a matrix, a ranking) as the user sees it, built in
 * the browser. Lists use ExportButton instead: the server writes every matching row. `build` runs at click
 * time, so the file has the rows and columns on screen at that moment.
 */
export function PageExportButton<R>({
  build,
  disabled,
}: {
  build: () => ExportRequest<R> | Promise<ExportRequest<R>>;
  disabled?: boolean;
}) {
  const t = useT(commonMessages);
  const { lang } = useLocale();
  const me = useCurrentUser();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const req = await build();
      const now = formatInstant(new Date().toISOString(), 'YYYY-MM-DD HH:mm');
      const fileName = `${req.fileName}-${now.slice(0, 10)}`;
      // Every export is audited (SECURITY.md): no record, no file.
      await api.post(
        endpoints.auditExports,
        {
          page: location.pathname,
          title: req.title.slice(0, 300) || req.fileName,
          fileName,
          rows: req.spec.rows.length,
          filters: req.filters.slice(0, 30).map((f) => f.slice(0, 300)),
        },
        { schema: () => import('@lantian/contract').then((c) => c.OkResponse) },
      );
      await downloadExcel(fileName, {
        ...req.spec,
        caption: [
          req.title,
          t('filtersApplied', { filters: req.filters.length ? req.filters.join('；') : t('noFilters') }),
          t('exportedBy', { user: me.user.displayName || me.user.username, unit: me.unit.name, time: now }),
        ],
      });
      getFeedback()?.message.success(t('exported', { n: req.spec.rows.length }));
    } catch (error) {
      getFeedback()?.message.error(errorText(error, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} onClick={run} loading={busy} disabled={disabled}>
      {busy ? t('exporting') : t('exportExcel')}
    </Button>
  );
}
