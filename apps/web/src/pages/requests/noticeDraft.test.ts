import type { Reason } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { draftReason, itemLine } from './noticeDraft.ts';

const reason = (code: Reason['code'], message: string, period: string | null = null): Reason => ({
  code,
  light: 'red',
  due: null,
  period,
  message,
  messageEn: message,
});

describe('the drafted notice reason', () => {
  it('keeps deadline reasons in words and condenses a run of missed reports', () => {
    const line = itemLine({
      task: 9,
      seq: 2,
      reasons: [
        reason('DEADLINE_OVERDUE', '完成时限“年底前”已于 2022-12-31 到期，尚未完成'),
        reason('REPORT_MISSING', '2022-01 期未报', '2022-01'),
        reason('REPORT_MISSING', '2022-02 期未报', '2022-02'),
        reason('REPORT_MISSING', '2022-03 期未报', '2022-03'),
      ],
    });
    expect(line).toBe(
      '措施 9.2：完成时限“年底前”已于 2022-12-31 到期，尚未完成；2022-01 至 2022-03 共 3 期进展报告逾期未报',
    );
  });

  it('lists one or two missed reports as they are, and frames the lines', () => {
    const text = draftReason('延庆区政府', [
      {
        task: 1,
        seq: 1,
        reasons: [reason('REPORT_RETURNED', '2022-05 期报告被退回，尚未重新报送', '2022-05')],
      },
      { task: 3, seq: 2, reasons: [reason('REPORT_MISSING', '2022-06 期未报', '2022-06')] },
    ]);
    expect(text.split('\n')).toEqual([
      '经核查，延庆区政府承担的以下工作存在预警：',
      '措施 1.1：2022-05 期报告被退回，尚未重新报送',
      '措施 3.2：2022-06 期未报',
      '请于答复期限前书面说明原因、整改措施和完成时间，并附佐证材料。',
    ]);
  });
});
