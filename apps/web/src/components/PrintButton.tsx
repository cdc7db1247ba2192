import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useT } from '../i18n/LocaleProvider.tsx';
import { commonMessages } from './messages.ts';

/** 打印: the browser's print of the page, laid out for paper by the print stylesheet (print.css). */
export function PrintButton() {
  const t = useT(commonMessages);
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
      {t('print')}
    </Button>
  );
}
