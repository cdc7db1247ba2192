/** The one file of a multipart upload (field `file`), as bytes and a name. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';

export async function uploadedFile(req: FastifyRequest): Promise<{ bytes: Uint8Array; fileName: string }> {
  if (!req.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段 file）');
  const part = await req.file();
  if (part?.fieldname !== 'file')
    throw new AppError('VALIDATION_FAILED', 'file：请上传文件（表单字段 file）');
  return { bytes: await part.toBuffer(), fileName: part.filename || 'data.csv' };
}
