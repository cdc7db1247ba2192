/** A document model (the bulletin 通报, a 督办单) as a .docx an office signs and sends: the 公文 page. */
import type { BulletinResponse } from '@lantian/contract';
import type { Paragraph } from 'docx';
import { type BulletinModel, bulletinModel } from './bulletin.model.ts';
import { body, centred, gongwenSection, heading, packGongwen, picture, Tables, title } from './gongwen.ts';

export { bulletinTitle, SECTION_ORDER } from './bulletin.model.ts';

export async function bulletinDocx(b: BulletinResponse, issuedOn: string): Promise<Buffer> {
  return modelDocx(await bulletinModel(b, issuedOn));
}

export function modelDocx(model: BulletinModel): Promise<Buffer> {
  const tables = new Tables();
  const children: Paragraph[] = [];
  if (model.docNo && !model.docNoBelow) children.push(centred(model.docNo));
  children.push(title(model.title));
  if (model.docNo && model.docNoBelow) children.push(centred(model.docNo));
  for (const x of model.blocks) {
    if (x.kind === 'heading') children.push(heading(x.text));
    else if (x.kind === 'body') children.push(body(x.text, { indent: x.indent, align: x.align }));
    else if (x.kind === 'picture') children.push(picture(x.chart.png, x.chart.width, x.chart.height));
    else children.push(tables.table(x.header, x.rows, x.widths));
  }
  return packGongwen({ title: model.title, subject: model.subject }, [gongwenSection(children)], tables);
}
