import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routeHints } from '../vite-route-hints.ts';
import { HINTED_PAGES } from './hintedPages.ts';

const web = fileURLToPath(new URL('..', import.meta.url));

describe('hinted pages', () => {
  it('name modules that exist and that the router loads as their page', () => {
    const routes = fs.readFileSync(`${web}/src/routes.tsx`, 'utf8');
    for (const [name, page] of Object.entries(HINTED_PAGES)) {
      expect(fs.existsSync(`${web}/${page.module}`), page.module).toBe(true);
      expect(routes).toContain(`import('./${page.module.replace(/^src\//, '')}')`);
      expect(routes).toContain(`HINTED_PAGES.${name}.match`);
    }
    expect(HINTED_PAGES.planView.match.test('/plans/8d0c1a')).toBe(true);
    expect(HINTED_PAGES.planView.match.test('/plans/import')).toBe(false);
  });

  it('hint the files a page chunk needs beyond the shell, from the build manifest', () => {
    const manifest = {
      'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_react.js'] },
      '_react.js': { file: 'assets/react-1.js' },
      '_table.js': { file: 'assets/table-1.js', imports: ['_react.js', '_cell.js'] },
      '_cell.js': { file: 'assets/cell-1.js', imports: ['_table.js'] },
      'src/pages/my-work/MyWorkPage.tsx': {
        file: 'assets/MyWorkPage-1.js',
        imports: ['_table.js', '_react.js'],
      },
      'src/pages/plans/PlanViewPage.tsx': { file: 'assets/PlanViewPage-1.js', imports: ['_table.js'] },
      'src/pages/board/BoardPage.tsx': { file: 'assets/BoardPage-1.js' },
    };
    const hints = routeHints(manifest, HINTED_PAGES);
    expect(hints[0]).toEqual({
      match: HINTED_PAGES.myWork.match.source,
      files: ['/assets/MyWorkPage-1.js', '/assets/table-1.js', '/assets/cell-1.js'],
    });
    expect(hints[2]?.files).toEqual(['/assets/BoardPage-1.js']);
    expect(() => routeHints({}, HINTED_PAGES)).toThrow(/MyWorkPage/);
  });
});
