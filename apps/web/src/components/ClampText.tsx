import type { CSSProperties, ReactNode } from 'react';

/**
 * Text cut to `rows` lines by CSS, the whole of it on hover (`title`) and for screen readers (the cut
 * is visual only). Used in long tables instead of antd's measured ellipsis, which lays each cell out
 * several times on the first paint (issue #12 item 3: 我的任务 and the board render dozens of them).
 */
export function ClampText({
  children,
  title,
  rows = 1,
  secondary = false,
  style,
}: {
  children: ReactNode;
  /** The full text, shown on hover. */
  title: string;
  rows?: number;
  secondary?: boolean;
  style?: CSSProperties;
}) {
  return (
    <div
      className={`clamp-text${rows === 1 ? ' clamp-text--line' : ''}${secondary ? ' clamp-text--secondary' : ''}`}
      title={title}
      style={rows === 1 ? style : { WebkitLineClamp: rows, ...style }}
    >
      {children}
    </div>
  );
}
