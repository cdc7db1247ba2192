import type { NoticeDetailResponse } from '@lantian/contract';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { formatInstant } from '../../lib/time.ts';

const LEVEL = { yellow: '黄牌（一般督办）', red: '红牌（重点督办）' } as const;
const dayWords = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * The 督办单 as printed: the same fields as its .docx, on an A4 page with the 公文 margins. While it is
 * mounted, printing shows this sheet alone; on screen it is never shown.
 */
const CSS = `
@media screen { .notice-print { display: none; } }
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  body > *:not(.notice-print) { display: none !important; }
  .notice-print { font-family: "仿宋_GB2312", "FangSong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; color: #000; }
  .notice-print h1 { font-family: "方正小标宋简体", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 8pt; letter-spacing: 0.5em; }
  .notice-print .no { text-align: center; margin-bottom: 16pt; }
  .notice-print table { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 18pt; }
  .notice-print th, .notice-print td { border: 1px solid #000; padding: 4pt 6pt; vertical-align: middle; text-align: left; }
  .notice-print th { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; width: 22%; white-space: nowrap; }
  .notice-print td { white-space: pre-wrap; }
  .notice-print p { text-indent: 2em; margin: 16pt 0 0; }
  .notice-print .date { text-align: right; text-indent: 0; margin-top: 28pt; }
}`;

function Sheet({ data }: { data: NoticeDetailResponse }) {
  const n = data.notice;
  const rows: [string, string][] = [
    ['被督办单位', n.unitName],
    ['督办等级', LEVEL[n.level]],
    ['涉及措施', n.measures.map((m) => `${m.task}.${m.seq} ${m.text}`).join('\n')],
    ['督办事由', n.reason],
    ['答复期限', dayWords(n.replyDue)],
    ['下发人', n.issuedBy ?? '—'],
    ['下发日期', dayWords(formatInstant(n.issuedAt, 'YYYY-MM-DD'))],
  ];
  return (
    <div className="notice-print">
      <style>{CSS}</style>
      <h1>督办单</h1>
      {n.number && <div className="no">{n.number}</div>}
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{`请${n.unitName}于${dayWords(n.replyDue)}前将整改落实情况及佐证材料通过蓝天系统答复。`}</p>
      <p className="date">{dayWords(formatInstant(n.issuedAt, 'YYYY-MM-DD'))}</p>
    </div>
  );
}

/** A print button's state: `print()` mounts the sheet, opens the browser's print dialog, unmounts after. */
export function useNoticePrint(data: NoticeDetailResponse | undefined) {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    if (!printing) return;
    const done = () => setPrinting(false);
    window.addEventListener('afterprint', done);
    // After the sheet is painted; the browser sends afterprint when its dialog closes.
    const frame = requestAnimationFrame(() => window.print());
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('afterprint', done);
    };
  }, [printing]);
  return {
    print: () => setPrinting(true),
    sheet: printing && data ? createPortal(<Sheet data={data} />, document.body) : null,
  };
}
