#!/usr/bin/env node
// `npm start`: build what is out of date (core, contract and server with tsc, the web app with Vite),
// then start the server, which migrates the database and serves the API and the web app on PORT.
// `--no-build` skips the build check.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p) => path.join(root, p);

/** Newest modification time under the given files and folders (tests and build output excluded). */
function newest(inputs) {
  let max = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      const base = path.basename(p);
      if (base === 'node_modules' || base === 'dist') return;
      for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    } else if (!/\.test\.tsx?$/.test(p)) {
      max = Math.max(max, st.mtimeMs);
    }
  };
  for (const i of inputs) visit(at(i));
  return max;
}

const mtime = (p) => {
  try {
    return fs.statSync(at(p)).mtimeMs;
  } catch {
    return 0;
  }
};

const core = [
  'packages/core/src',
  'packages/core/tsconfig.build.json',
  'packages/core/package.json',
  'tsconfig.base.json',
];
const contract = [
  'packages/contract/src',
  'packages/contract/tsconfig.build.json',
  'packages/contract/package.json',
];
const server = ['apps/server/src', 'apps/server/tsconfig.build.json', 'apps/server/package.json'];
const web = [
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
];

const steps = [
  {
    name: '@lantian/core',
    inputs: core,
    output: 'packages/core/dist/index.js',
    cmd: ['tsc', '-p', 'packages/core/tsconfig.build.json'],
  },
  {
    name: '@lantian/intake',
    inputs: [...core, 'packages/intake/src', 'packages/intake/package.json'],
    output: 'packages/intake/dist/index.js',
    cmd: ['tsc', '-p', 'packages/intake/tsconfig.build.json'],
  },
  {
    name: '@lantian/contract',
    inputs: [...core, ...contract],
    output: 'packages/contract/dist/index.js',
    cmd: ['tsc', '-p', 'packages/contract/tsconfig.build.json'],
  },
  {
    name: '@lantian/server',
    inputs: [...core, 'packages/intake/src', ...contract, ...server],
    output: 'apps/server/dist/main.js',
    cmd: ['tsc', '-p', 'apps/server/tsconfig.build.json'],
  },
  {
    name: '@lantian/web',
    when: () => fs.existsSync(at('apps/web/index.html')),
    inputs: [...core, ...contract, ...web],
    output: 'apps/web/dist/index.html',
    cmd: ['vite', 'build'],
    cwd: 'apps/web',
  },
];

if (!process.argv.includes('--no-build')) {
  for (const step of steps) {
    if (step.when && !step.when()) continue;
    if (mtime(step.output) >= newest(step.inputs)) continue;
    process.stdout.write(`构建 ${step.name}（${step.cmd.join(' ')}）…\n`);
    const started = Date.now();
    const r = spawnSync('npx', step.cmd, { cwd: at(step.cwd ?? '.'), stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`构建 ${step.name} 失败，未启动服务器。`);
      process.exit(r.status ?? 1);
    }
    // tsc leaves unchanged outputs alone only with incremental builds; mark the output fresh either way.
    const now = new Date();
    if (fs.existsSync(at(step.output))) fs.utimesSync(at(step.output), now, now);
    process.stdout.write(`  完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）\n`);
  }
}

const { startServer } = await import(pathToFileURL(at('apps/server/dist/main.js')).href);
try {
  await startServer();
} catch (e) {
  console.error(`蓝天无法启动：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
