/** Tables of the documents out (migration 30, `modules/documents`): what the office edits of a bulletin. */

/** What the office edits of a plan's bulletin (通报) for one period. */
export interface BulletinTextsTable {
  plan_id: string;
  /** `YYYY-MM`. */
  period: string;
  /** 文号, e.g. `京大气办〔2022〕6号`. */
  doc_no: string;
  opening: string;
  closing: string;
  /** JSON BulletinSection[]: the sections switched off. */
  sections_off: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

export interface DocumentTables {
  bulletin_texts: BulletinTextsTable;
}
