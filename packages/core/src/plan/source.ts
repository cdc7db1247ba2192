/**
 * A plan document as a container reader delivers it, whatever the file was (text, .docx, .xlsx,
 * .html, .pdf): the text before the table, and tables as rows of cells with merges resolved. The
 * plan parser reads only this, so every container feeds the same parser.
 */

export type SourceFormat = 'text' | 'docx' | 'xlsx' | 'html' | 'pdf';

export interface SourceCell {
  /** The cell's text; paragraphs inside one cell are joined with `\n`. */
  text: string;
  /**
   * Set when the cell is covered by a merge: `up` for a vertical merge (w:vMerge, rowspan, an xlsx
   * merged range reaching down), `left` for a horizontal one. `text` then repeats the merged value.
   */
  merged?: 'up' | 'left';
}

export interface SourceRow {
  /** 1-based position for messages: the line in a text file, the row in a sheet or table. */
  line: number;
  /** Every line the row covers, when more than one (a quoted text cell spanning lines). */
  lines?: number[];
  cells: SourceCell[];
  /** Where the row is, in words a user can follow (`第 2 页`, `工作表“任务分工”第 14 行`); optional. */
  where?: string;
}

export interface SourceTable {
  /** The sheet name or a caption, when the container has one. */
  name?: string;
  rows: SourceRow[];
}

export interface SourceDocument {
  format: SourceFormat;
  fileName?: string;
  /** Paragraphs before the first table (title, 文号, the notice text), in reading order. */
  preamble: string[];
  tables: SourceTable[];
  /** What the container reader had to say (a table not chosen, hidden rows skipped…). */
  notes: string[];
}
