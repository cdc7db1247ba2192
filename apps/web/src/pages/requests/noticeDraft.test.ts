import type { Reason } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { draftReason, itemLine } from './noticeDraft.ts';

const reason = (code: Reason['code'], facts: Partial<Reason> = {}): Reason => ({
  code,
  light: 'red',
  due: null,
  period: null,
  ...facts,
});

describe('the drafted notice reason', () => {
  it('words the facts: deadline reasons, and a folded run of missed reports as one span', () => {
    const line = itemLine(
      {
        task: 9,
        seq: 2,
        reasons: [
          reason('DEADLINE_OVERDUE', { due: '2022-12-31', subject: '年底前' }),
          reason('REPORT_OVERDUE', {
            due: '2022-01-25',
            period: '2022-03',
            from: '2022-01',
            to: '2022-03',
            count: 3,
          }),
        ],
      },
      '2023-01-10',
    );
    expect(line).toBe(
      '措施 9.2：完成时限“年底前”已于 2022-12-31 到期，尚未完成；2022-01 至 2022-03 共 3 期进展报告未报，最早一期已逾期 350 天',
    );
  });

  it('words one missed report and a returned one, and frames the lines', () => {
    const text = draftReason(
      '延庆区政府',
      [
        { task: 1, seq: 1, reasons: [reason('REPORT_RETURNED', { period: '2022-05', due: '2022-05-25' })] },
        {
          task: 3,
          seq: 2,
          reasons: [reason('REPORT_MISSING', { period: '2022-06', due: '2022-06-25', count: 1 })],
        },
        { task: 3, seq: 3, reasons: [reason('UNFINISHED', { due: '2022-11-15', to: '2022-12-31' })] },
      ],
      '2022-06-30',
    );
    expect(text.split('\n')).toEqual([
      '经核查，延庆区政府承担的以下工作存在预警：',
      '措施 1.1：2022-05 期进展报告被退回，尚未重新提交',
      '措施 3.2：2022-06 期进展报告应于 2022-06-25 前报送，已逾期 5 天未报',
      '措施 3.3：未按期完成（应于 2022-11-15 完成，计划期至 2022-12-31 结束）',
      '请于答复期限前书面说明原因、整改措施和完成时间，并附佐证材料。',
    ]);
  });
});
