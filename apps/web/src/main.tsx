import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// antd's static stylesheet (the theme's zeroRuntime mode, App.tsx), before ours so that ours win.
import 'antd/dist/antd.css';
import './lib/time.ts';
import { App } from './App.tsx';
import './styles.css';
import './print.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
