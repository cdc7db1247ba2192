import type { Measure } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { correctionOf, draftOf } from './measureEdit.ts';

const measure: Measure = {
  id: 'm1',
  taskId: 't3',
  task: 3,
  taskName: '积极推广新能源汽车',
  seq: 1,
  text: '6月底前,制定工作方案。',
  lines: [12],
  deadline: {
    raw: '按时间节点完成',
    kind: 'milestones',
    due: '2022-12-31',
    start: null,
    end: null,
    recurrence: null,
    assumed: false,
  },
  milestones: [{ id: 'x', due: '2022-06-30', raw: '6月底前', text: '制定工作方案' }],
  targets: [],
  units: {
    lead: [
      {
        written: '市经济和信息化局 (市新能源汽车联席会议办公室)',
        name: '市经济和信息化局',
        kind: 'unit',
        unitId: 'u1',
        groupId: null,
        actingAs: '市新能源汽车联席会议办公室',
      },
    ],
    responsible: [
      {
        written: '各区政府 (含北京经济技术开发区管委会)',
        name: '各区政府',
        kind: 'group',
        unitId: null,
        groupId: 'g1',
        actingAs: null,
      },
    ],
    assisting: [],
  },
  leadEtAl: false,
  responsibleEtAl: false,
  assistingEtAl: false,
  version: 4,
};

describe('correctionOf', () => {
  it('is null when nothing changed', () => {
    expect(correctionOf(measure, draftOf(measure))).toBeNull();
  });
  it('sends only what changed, with the version read', () => {
    const d = draftOf(measure);
    d.deadline = { ...d.deadline, raw: '9月底前', kind: 'date', due: '2022-09-30' };
    d.units.assisting = ['市财政局'];
    expect(correctionOf(measure, d, ' 原文识别错误 ')).toEqual({
      version: 4,
      deadline: { raw: '9月底前', kind: 'date', due: '2022-09-30', start: null, end: null, recurrence: null },
      units: { assisting: ['市财政局'] },
      reason: '原文识别错误',
    });
  });
  it('keeps the acting-as office with the unit', () => {
    expect(draftOf(measure).units.lead).toEqual(['市经济和信息化局 (市新能源汽车联席会议办公室)']);
  });
});
