/**
 * Category columns (一级分类 / 二级分类, merged down over their rows) as sections and tasks: the
 * outer levels open sections, and when the table has no task column the innermost level names the task.
 */
import { cleanText } from '../text/clean.ts';
import type { ColumnMap } from './header.ts';
import type { Section } from './model.ts';
import { cellAt, type ReadRow } from './rows.ts';

const ORDINAL =
  /^(?:第)?([一二三四五六七八九十百]+)(?:部分)?[、.．，,\s]\s*(.+)$|^[（(]([一二三四五六七八九十]+)[)）]\s*(.+)$/;
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十. */
export function chineseOrdinal(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${DIGITS[n - 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${DIGITS[n % 10]}`;
  return String(n);
}

export class SectionLevels {
  /** Columns that open sections (outer levels). */
  private readonly sectionColumns: number[];
  /** The innermost category column when it stands for the task. */
  readonly taskColumn: number | undefined;
  private current: string[] = [];
  private section: Section | undefined;

  constructor(
    map: ColumnMap,
    private readonly sections: Section[],
  ) {
    if (map.task === undefined && map.sections.length > 0) {
      this.taskColumn = map.sections[map.sections.length - 1];
      this.sectionColumns = map.sections.slice(0, -1);
    } else {
      this.sectionColumns = map.sections;
    }
  }

  /** A section row of the table itself started: category cells read from now on open new sections. */
  reset() {
    this.current = [];
    this.section = undefined;
  }

  /** The section this row is in, opened when its category cells changed. */
  read(row: ReadRow): { section?: Section; taskColumn?: number } {
    if (this.sectionColumns.length === 0) return { taskColumn: this.taskColumn };
    const texts = this.sectionColumns.map((c) => cleanText(cellAt(row, c)).text);
    if (texts.every((t) => t === '')) return { section: this.section, taskColumn: this.taskColumn };
    const changed = texts.some((t, i) => t !== '' && t !== this.current[i]);
    if (changed) {
      this.current = texts.map((t, i) => t || this.current[i] || '');
      const title = this.current.filter(Boolean).join(' / ');
      const m = ORDINAL.exec(this.current[0] ?? '');
      const ordinal = m ? (m[1] ?? m[3]) : chineseOrdinal(this.sections.length + 1);
      const plain = this.current.length === 1 && m ? (m[2] ?? m[4]).trim() : title;
      const section: Section = { ordinal, title: plain, line: row.line };
      if (this.sections.some((s) => s.ordinal === ordinal))
        section.ordinal = chineseOrdinal(this.sections.length + 1);
      this.sections.push(section);
      this.section = section;
    }
    return { section: this.section, taskColumn: this.taskColumn };
  }
}
