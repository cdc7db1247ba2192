import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { usePageTitle } from './usePageTitle.ts';

/** A workspace page: its title (also the browser tab's), a line under it, actions on the right. */
export function Page({
  title,
  subtitle,
  extra,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  usePageTitle(title);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0 }}>
          {/* The page's one h1 (cards below use h2), sized like antd's level-3 title. */}
          <h1 className="page-title">{title}</h1>
          {subtitle && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subtitle}
            </Typography.Text>
          )}
        </div>
        {extra && (
          <Flex gap={8} wrap align="center" className="page-actions">
            {extra}
          </Flex>
        )}
      </Flex>
      {children}
    </Flex>
  );
}
