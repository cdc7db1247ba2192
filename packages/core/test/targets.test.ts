import { describe, expect, it } from 'vitest';
import { extractTargets } from '../src/targets/targets.ts';
import { cleanText } from '../src/text/clean.ts';

const read = (s: string) =>
  extractTargets(cleanText(s).text).map(
    (t) => `${t.value}|${t.unit}|${t.comparison}${t.yearOnYear ? '|yoy' : ''}`,
  );

describe('quantitative targets', () => {
  it.each([
    ['完成 180 万辆次以上的重型柴油车人工检查', '180|万辆次|at_least'],
    ['各区降尘量控制在5吨/平方公里·月左右(扣除沙尘影响)', '5|吨/平方公里·月|about'],
    ['VOCs 排放量同比减少 10%', '10|%|reduce_by|yoy'],
    ['符合条件的施工工地设备安装率、对接率动态实现双100%', '100|%|exactly'],
    ['全年检测量不低于 230 组', '230|组|at_least'],
    ['组织对 50 家左右重点行业企业依法开展强制性清洁生产审核', '50|家|about'],
    ['组织 50 家重点行业企业开展精细化治理', '50|家|exactly'],
    ['共完成8000户以上散煤清洁能源替代', '8000|户|at_least'],
    ['颗粒物排放浓度不高于10毫克/立方米', '10|毫克/立方米|at_most'],
    ['PM2.5年均浓度控制在35微克/立方米以内', '35|微克/立方米|at_most'],
    ['重污染天数比例控制在 1% 以内', '1|%|at_most'],
    ['年内压减焦化产能200万吨', '200|万吨|reduce_by'],
    ['优良天数达到280天以上', '280|天|at_least'],
    ['新能源汽车保有量同比增长 15%', '15|%|increase_by|yoy'],
    ['全市用水总量控制在11.88亿立方米以内', '11.88|亿立方米|at_most'],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual([expected]);
  });

  it.each([
    '办理货车通行证的4.5吨以下轻型、微型货车应为纯电动车',
    '鼓励4.5吨以上(含)货车使用国六排放标准车辆',
    '新增和更新的4.5吨以下的邮政车',
    '落实《挥发性有机物无组织排放控制标准》(GB37822—2019)',
    '严格实施国六 b 机动车排放标准',
    '完善扬尘问题智能化识别、24小时自动值守等功能',
    '确定2022年年度目标，3个月内完成',
    '开展 PM _{2.5} 和臭氧协同减排路径研究',
    '落实《北京市2022年大气污染防治工作要点》',
  ])('is not a target: %s', (text) => {
    expect(read(text)).toEqual([]);
  });

  it('keeps the clause as the phrase', () => {
    const [t] = extractTargets(
      cleanText('全年力争VOCs排放量同比减少10%，环境特征污染物浓度同比下降2%。').text,
    );
    expect(t.text).toBe('全年力争VOCs排放量同比减少10%');
  });
});
