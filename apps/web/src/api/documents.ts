import type { BulletinTextsRequest } from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from './client.ts';
import { endpoints } from './endpoints.ts';
import { schemaOf } from './schemas.ts';

/** The monthly bulletin (通报): its preview, the office's texts, the .docx download. */
export const documentKeys = {
  bulletin: (planId: string, period: string) => ['bulletin', planId, period] as const,
};

export function useBulletin(planId: string | undefined, period: string) {
  return useQuery({
    queryKey: documentKeys.bulletin(planId ?? '', period),
    queryFn: ({ signal }) =>
      api.get(endpoints.bulletin(planId as string), {
        schema: schemaOf('BulletinResponse'),
        query: { period },
        signal,
      }),
    enabled: !!planId,
    placeholderData: keepPreviousData,
  });
}

export function saveBulletinTexts(planId: string, period: string, body: BulletinTextsRequest) {
  return api.put(endpoints.bulletinTexts(planId), body, {
    schema: schemaOf('BulletinTexts'),
    query: { period },
  });
}

/** Where the browser downloads the bulletin (a plain link: the session cookie goes with it). */
export const bulletinDocxUrl = (planId: string, period: string) =>
  buildUrl(endpoints.bulletinDocx(planId), { period });
export const bulletinPdfUrl = (planId: string, period: string) =>
  buildUrl(endpoints.bulletinPdf(planId), { period });

export const noticeDocxUrl = (noticeId: string) => buildUrl(endpoints.noticeDocx(noticeId));
export const noticePdfUrl = (noticeId: string) => buildUrl(endpoints.noticePdf(noticeId));
