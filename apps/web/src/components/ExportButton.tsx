import { FileExcelOutlined } from '@ant-design/icons';
import type { ExportList, ExportQuery } from '@lantian/contract';
import { Button } from 'antd';
import { type ReactNode, useState } from 'react';
import { downloadFile } from '../api/client.ts';
import { errorText, getFeedback } from '../api/feedback.tsx';
import { useLocale, useT } from '../i18n/LocaleProvider.tsx';
import { commonMessages } from './messages.ts';

type Query = Record<string, string | number | boolean | undefined | null>;

/**
 * Download a workbook the server writes: `path` under /api/v1 with the page's current filters as `query`.
 * The server reads every matching row (not the page on screen), audits the export and streams the file.
 */
export function DownloadButton({
  path,
  query,
  disabled,
  icon = <FileExcelOutlined />,
  ariaLabel,
  children,
}: {
  path: string;
  query?: Query;
  disabled?: boolean;
  icon?: ReactNode;
  /** When the visible text alone is ambiguous (a button per table row). */
  ariaLabel?: string;
  children: ReactNode;
}) {
  const t = useT(commonMessages);
  const { lang } = useLocale();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const name = await downloadFile(path, query);
      getFeedback()?.message.success(t('downloaded', { name }));
    } catch (error) {
      getFeedback()?.message.error(errorText(error, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={icon} onClick={run} loading={busy} disabled={disabled} aria-label={ariaLabel}>
      {busy ? t('exporting') : children}
    </Button>
  );
}

/** The export of a list (`GET /exports/<list>.xlsx`), with the list's filters as the page has them. */
export function ExportButton<L extends ExportList>({
  list,
  query,
  disabled,
}: {
  list: L;
  query?: ExportQuery<L>;
  disabled?: boolean;
}) {
  const t = useT(commonMessages);
  return (
    <DownloadButton path={`/exports/${list}.xlsx`} query={query as Query | undefined} disabled={disabled}>
      {t('exportExcel')}
    </DownloadButton>
  );
}
