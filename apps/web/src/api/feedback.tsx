import { message as antdMessage, notification as antdNotification } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import type { NotificationInstance } from 'antd/es/notification/interface';
import { currentLang } from '../i18n/current.ts';
import { ApiError, CLIENT_CODES } from './client.ts';

/**
 * antd's message and notification bound to the app's ConfigProvider (theme, locale), reachable from code
 * outside components: the query cache's error handler and the session events. (The hooks rather than
 * antd's <App>, which would also bring Modal into the first page load.)
 */
let feedback: { message: MessageInstance; notification: NotificationInstance } | undefined;

export function FeedbackBridge() {
  const [message, messageHolder] = antdMessage.useMessage();
  const [notification, notificationHolder] = antdNotification.useNotification();
  feedback = { message, notification };
  return (
    <>
      {messageHolder}
      {notificationHolder}
    </>
  );
}

export function getFeedback() {
  return feedback;
}

const CLIENT_TEXT: Record<string, { zh: string; en: string }> = {
  [CLIENT_CODES.network]: {
    zh: '无法连接服务器，请检查网络后重试',
    en: 'Cannot reach the server. Check the network and try again.',
  },
  [CLIENT_CODES.badResponse]: {
    zh: '服务器返回的数据无法识别，请刷新页面；若仍出现，请联系系统管理员',
    en: 'The server sent data this page cannot read. Reload; if it persists, contact the administrator.',
  },
};

/** The sentence to show for an error: the server's message, or ours for failures on the way. */
export function errorText(error: unknown, lang = currentLang()): string {
  if (error instanceof ApiError) return CLIENT_TEXT[error.code]?.[lang] ?? error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Errors the session layer already handles with its own notice. */
export function isSessionError(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 401 ||
      error.code === 'PASSWORD_CHANGE_REQUIRED' ||
      error.code === 'PASSWORD_EXPIRED' ||
      error.code === 'SECOND_FACTOR_ENROLMENT_REQUIRED')
  );
}

/** Show an error as an antd message (the house convention for `{ error: { code, message } }`). */
export function showError(error: unknown): void {
  if (isSessionError(error)) return;
  feedback?.message.error(errorText(error));
}
