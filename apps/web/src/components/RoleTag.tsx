import type { ResponsibilityRole } from '@lantian/contract';
import { Tag } from 'antd';
import { useT } from '../i18n/LocaleProvider.tsx';
import { commonMessages } from './messages.ts';

/** One colour per role everywhere: lead, responsible, assisting. */
export const ROLE_COLORS: Record<ResponsibilityRole, string> = {
  lead: 'volcano',
  responsible: 'blue',
  assisting: 'green',
};

export function RoleTag({ role, children }: { role: ResponsibilityRole; children?: React.ReactNode }) {
  const t = useT(commonMessages);
  return (
    <Tag color={ROLE_COLORS[role]} style={{ marginInlineEnd: 4 }}>
      {children ?? t(role)}
    </Tag>
  );
}
