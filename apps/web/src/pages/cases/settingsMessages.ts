import { defineMessages } from '../../i18n/messages.ts';

/** 案件设置: the office's categories, time limits and windows. */
export const settingsMessages = defineMessages({
  title: { zh: '案件设置', en: 'Case settings' },
  subtitle: {
    zh: '问题类别、各类别按程度的办理时限（天），以及重复案件、回头看和催办的天数。保存后对新派发的案件生效。',
    en: 'Problem categories, the time limit (days) of each category by severity, and the repeat, revisit and reminder windows. Applies to cases dispatched from now on.',
  },
  categories: { zh: '问题类别与办理时限', en: 'Categories and time limits' },
  windows: { zh: '时间窗口', en: 'Windows' },
  colCode: { zh: '代码', en: 'Code' },
  colName: { zh: '名称', en: 'Name' },
  colActive: { zh: '启用', en: 'Active' },
  colDays: { zh: '{severity}（天）', en: '{severity} (days)' },
  addCategory: { zh: '新增类别', en: 'Add a category' },
  remove: { zh: '删除', en: 'Remove' },
  removeHint: {
    zh: '已保存的类别不能删除（案件引用它），可停用',
    en: 'A saved category cannot be removed (cases refer to it); switch it off instead',
  },
  repeatWindowDays: { zh: '重复案件判定（天）', en: 'Repeat window (days)' },
  repeatWindowHelp: {
    zh: '同一地点、同一类别在此天数内再次发生的案件关联为重复；0 表示不判定',
    en: 'A new case at the same place and category within this many days is linked to the earlier one; 0 turns it off',
  },
  revisitAfterDays: { zh: '回头看（销号后天数）', en: 'Revisit after closure (days)' },
  remindDaysBefore: { zh: '到期前催办（天）', en: 'Remind before the due day (days)' },
  save: { zh: '保存设置', en: 'Save settings' },
  saved: { zh: '案件设置已保存', en: 'Case settings saved' },
  reset: { zh: '撤销修改', en: 'Discard changes' },
  codeRequired: { zh: '请填写类别代码', en: 'Enter the category code' },
  codePattern: {
    zh: '类别代码须以小写字母开头，只能用小写字母、数字和 _',
    en: 'A code starts with a lower-case letter and has only lower-case letters, digits and _',
  },
  codeTooLong: { zh: '类别代码不超过 40 个字符', en: 'At most 40 characters' },
  codeDuplicate: { zh: '类别代码“{code}”重复', en: 'Code “{code}” is used twice' },
  nameRequired: { zh: '请填写类别名称', en: 'Enter the category name' },
  nameTooLong: { zh: '类别名称不超过 40 个字符', en: 'At most 40 characters' },
  daysRequired: { zh: '启用的类别须填写办理时限', en: 'An active category needs a time limit' },
  daysRange: { zh: '办理时限为 1—365 天的整数', en: 'A whole number of days, 1–365' },
  noActive: { zh: '至少启用一个问题类别', en: 'Keep at least one category active' },
  windowRequired: { zh: '请填写天数', en: 'Enter the number of days' },
  repeatRange: { zh: '重复案件判定为 0—365 天的整数', en: 'A whole number of days, 0–365' },
  revisitRange: { zh: '回头看为 1—365 天的整数', en: 'A whole number of days, 1–365' },
  remindRange: { zh: '到期前催办为 0—30 天的整数', en: 'A whole number of days, 0–30' },
});
