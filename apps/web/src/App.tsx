import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { FeedbackBridge } from './api/feedback.tsx';
import { createQueryClient } from './api/queryClient.ts';
import { installSessionHandlers } from './auth/session.ts';
import { LocaleProvider, useLocale } from './i18n/LocaleProvider.tsx';
import { createRouter, preloadRoute } from './routes.tsx';

const theme = {
  // antd's own stylesheet (antd/dist/antd.css, imported in main.tsx) instead of styles generated in the
  // browser: generating them was about a fifth of a cold page's first paint (issue #12 item 3). The
  // tokens below still reach the components as CSS variables.
  zeroRuntime: true,
  token: {
    colorPrimary: '#1677ff',
    borderRadius: 6,
    // Chinese first: system CJK faces before the Latin fallbacks.
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    fontSize: 14,
  },
};

function Providers() {
  const { lang } = useLocale();
  const [{ router, queryClient }] = useState(() => {
    const queryClient = createQueryClient();
    const router = createRouter();
    installSessionHandlers(router, queryClient);
    preloadRoute(window.location.pathname, window.location.search, queryClient);
    return { router, queryClient };
  });
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme}>
      <FeedbackBridge />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LocaleProvider>
      <Providers />
    </LocaleProvider>
  );
}
