/**
 * The pages with a first-paint target (issue #12 item 3) whose code the server names in the HTML it sends
 * for their address (`<link rel="modulepreload">`, from the build's `route-hints.json`), so that the page's
 * chunk downloads alongside the shell instead of after it has run. Shared by the router (routes.tsx: the
 * same chunk is then asked for at once) and by the build (vite-route-hints.ts). Plain data: the build
 * reads it in Node.
 */
export const HINTED_PAGES = {
  myWork: { match: /^\/my-work\/?$/, module: 'src/pages/my-work/MyWorkPage.tsx' },
  planView: { match: /^\/plans\/(?!import\b)[^/]+\/?$/, module: 'src/pages/plans/PlanViewPage.tsx' },
  board: { match: /^\/board\/?$/, module: 'src/pages/board/BoardPage.tsx' },
} as const;
