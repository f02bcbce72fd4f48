import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutline } from '../../src/integrations/report-pdf/pdf-outline.ts';
import { freePort } from '../integration/server.ts';
import { build, copyOfProject, edit, root } from './project-copy.ts';

/**
 * Drafts and scheduled trends, in a copy of the project changed by the authoring commands: a new series
 * (`new:series`, its one trend a draft), a new draft trend with a figure of its own and a trend scheduled
 * for 2999 (`new:trend`), and an existing trend (governance, 5 of 10) marked `draft: true`. The production
 * build (report PDF included) must show none of them; `astro dev` shows them with a banner.
 */
const SERIES = 'ml-trends-2021';
const NEW_SERIES = 'ml-trends-2030';
const DRAFT = { title: 'Quokka platforms draft trend', slug: 'quokka-platforms-draft-trend' };
const SCHEDULED = { title: 'Wombat pipelines scheduled trend', slug: 'wombat-pipelines-scheduled-trend' };
const GOVERNANCE = {
  title: 'Governance, security and auditability top the worries in enterprise ML',
  slug: 'governance',
};
const DRAFT_FIGURE = 'quokka-only-figure';
let dir: string;
let client: string;
let output: string;

/** Runs an authoring command (`npm run new:*`) in the copy. */
function command(script: string, ...args: string[]) {
  const result = spawnSync(join(root, 'node_modules/.bin/node'), [join(root, 'scripts', script), ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')}: ${result.stderr}`);
}

beforeAll(() => {
  dir = copyOfProject();
  command('new-series.ts', NEW_SERIES, '--title', 'Numbat enterprise trends 2030');
  command('new-trend.ts', '--series', SERIES, '--title', DRAFT.title);
  command(
    'new-trend.ts',
    ...['--series', SERIES, '--title', SCHEDULED.title, '--published', '2999-01-01'],
    ...['--summary', 'Wombats move their pipelines to production.'],
  );
  // The draft gets a figure only it uses; the scheduled trend is not a draft, only dated later.
  const figures = join(dir, `content/series/${SERIES}/figures.json`);
  const list = JSON.parse(readFileSync(figures, 'utf8')) as { id: string; title: string }[];
  list.push({ ...list[0]!, id: DRAFT_FIGURE, title: 'Quokka adoption among numbats' });
  writeFileSync(figures, JSON.stringify(list, null, 2));
  edit(dir, `content/series/${SERIES}/trends/11-${DRAFT.slug}.mdx`, (text) =>
    text.replace('figures: []', `figures: [${DRAFT_FIGURE}]`).concat(`\n<Figure id="${DRAFT_FIGURE}" />\n`),
  );
  // Written and set to go out: a trend still holding new:trend's placeholder text could not be.
  edit(dir, `content/series/${SERIES}/trends/12-${SCHEDULED.slug}.mdx`, (text) =>
    text
      .replace('draft: true', 'draft: false')
      .replace(/^Write the article here\.[^]*$/m, 'Wombats are moving their pipelines to production.\n'),
  );
  edit(dir, `content/series/${SERIES}/trends/05-governance.mdx`, (text) =>
    text.replace(/^---\n/, '---\ndraft: true\n'),
  );
  const result = build(dir);
  output = result.output;
  if (result.status !== 0) throw new Error(output.slice(-3000));
  client = join(dir, 'dist/client');
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every text file of the public output (pages, feed, sitemap, JSON, scripts), by path. */
function publicText(): Map<string, string> {
  const files = readdirSync(client, { recursive: true, encoding: 'utf8' }).filter((f) =>
    /\.(html|xml|json|txt|js|csv)$/.test(f),
  );
  return new Map(files.map((f) => [f, readFileSync(join(client, f), 'utf8')]));
}

/** The text of every Pagefind fragment: what search can find. */
const searchIndex = () =>
  readdirSync(join(client, 'pagefind/fragment'))
    .map((f) => gunzipSync(readFileSync(join(client, 'pagefind/fragment', f))).toString('utf8'))
    .join('\n');

const page = (path: string) => readFileSync(join(client, path, 'index.html'), 'utf8');

describe('a production build with drafts and a scheduled trend', { timeout: 60_000 }, () => {
  it('says in the build log which trends it leaves out, and why', () => {
    const line = output.split('\n').find((l) => l.includes(`${SERIES}: 3 trends left out of this build:`));
    expect(line).toContain('05-governance.mdx (draft: true)');
    expect(line).toContain(`11-${DRAFT.slug}.mdx (draft: true)`);
    expect(line).toContain(`12-${SCHEDULED.slug}.mdx (scheduled for 2999-01-01, after this build's day`);
  });

  it('builds no page, social image or figure download for them, and nothing for a series of drafts', () => {
    for (const slug of [DRAFT.slug, SCHEDULED.slug, GOVERNANCE.slug]) {
      expect(existsSync(join(client, SERIES, slug)), slug).toBe(false);
    }
    expect(existsSync(join(client, SERIES, 'investment/index.html'))).toBe(true);
    expect(existsSync(join(client, SERIES, 'investment/og.png'))).toBe(true);
    expect(existsSync(join(client, NEW_SERIES))).toBe(false);
    expect(existsSync(join(client, SERIES, `figures/${DRAFT_FIGURE}.csv`))).toBe(false);
    expect(existsSync(join(client, SERIES, 'figures/governance-concern.json'))).toBe(false);
    expect(existsSync(join(client, SERIES, 'figures/budget-growth.csv'))).toBe(true);
  });

  it('names them nowhere: not in a page, the feed, the sitemap, JSON-LD or the search index', () => {
    const files = publicText();
    expect(files.get(`${SERIES}/rss.xml`)).toContain('/ml-trends-2021/investment/');
    expect(files.get('sitemap-0.xml')).toContain('/ml-trends-2021/investment/');
    for (const needle of [
      DRAFT.title,
      SCHEDULED.title,
      GOVERNANCE.title,
      `/${GOVERNANCE.slug}/`,
      'Numbat',
      NEW_SERIES,
      DRAFT_FIGURE,
    ]) {
      const found = [...files].filter(([, text]) => text.includes(needle)).map(([file]) => file);
      expect(found, needle).toEqual([]);
    }
    const index = searchIndex();
    expect(index).toContain('/ml-trends-2021/investment/');
    for (const needle of ['Quokka', 'Wombat', `/${GOVERNANCE.slug}/`]) expect(index, needle).not.toContain(needle);
  });

  it('leaves them out of the report PDF: its outline lists the nine published trends', async () => {
    expect(output).toMatch(/\[report-pdf\]/);
    const { entries } = await readOutline(readFileSync(join(dir, 'dist/report', `${SERIES}.pdf`)));
    const titles = entries.map((e) => e.title).join('\n');
    expect(titles).not.toMatch(/Quokka|Wombat/);
    expect(titles).not.toContain(GOVERNANCE.title);
    expect(titles).toMatch(/^1\. /m);
    expect(titles).toMatch(/^9\. The report ties third-party MLOps tools/m);
    expect(titles).not.toMatch(/^10\. /m);
    expect(existsSync(join(dir, 'dist/report', `${NEW_SERIES}.pdf`))).toBe(false);
  });

  it('counts only published trends in "n of N", numbering them without the gap', () => {
    expect(page(`${SERIES}/integration`)).toMatch(/Trend 5 of 9/);
    expect(page(`${SERIES}/mlops`)).toMatch(/Trend 9 of 9/);
    expect(page(`${SERIES}/early-adopters`)).toMatch(
      /rel="next"[^>]*href="\/ml-trends-2021\/integration\/"|href="\/ml-trends-2021\/integration\/"[^>]*rel="next"/,
    );
    expect(page(SERIES)).toContain('Trend 9 of 9');
    expect(page('')).toContain('The 9 trends');
    expect(page('')).toMatch(/<h1[^>]*>\s*2021 enterprise trends in machine learning/);
  });
});

describe('astro dev with drafts and a scheduled trend', { timeout: 120_000 }, () => {
  let server: ChildProcess | undefined;
  let origin = '';

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = spawn(
      process.execPath,
      [join(root, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)],
      {
        cwd: dir,
        // Without Vitest's variables: with VITEST set, astro dev serves no page at all ("Cannot GET /").
        env: {
          ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST'))),
          NO_COLOR: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    for (let i = 0; i < 360; i++) {
      if (
        await fetch(`${origin}/`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`astro dev did not answer within three minutes:\n${log.slice(-2000)}`);
  }, 240_000);

  afterAll(() => {
    server?.kill();
  });

  const get = async (path: string) => {
    const response = await fetch(`${origin}${path}`);
    expect(response.status, path).toBe(200);
    return response.text();
  };

  it('shows a draft with a "Draft" banner, and a scheduled trend with the date it is scheduled for', async () => {
    const draft = await get(`/${SERIES}/${DRAFT.slug}/`);
    expect(draft).toMatch(
      /class="publication-banner[^"]*"[^>]*data-status="draft"[^>]*>\s*<strong[^>]*>Draft<\/strong>/,
    );
    expect(draft).toContain('Trend 11 of 12');
    const scheduled = await get(`/${SERIES}/${SCHEDULED.slug}/`);
    expect(scheduled).toMatch(/<strong[^>]*>Scheduled for January 1, 2999<\/strong>/);
    const published = await get(`/${SERIES}/investment/`);
    expect(published).not.toMatch(/<p class="publication-banner/);
  });

  it('shows a new series of drafts, its first trend with the banner', async () => {
    const first = await get(`/${NEW_SERIES}/first-trend/`);
    expect(first).toMatch(/<strong[^>]*>Draft<\/strong>/);
    expect(first).toContain('Trend 1 of 1');
  });
});

describe('a rebuild once the scheduled trend is due', { timeout: 60_000 }, () => {
  beforeAll(() => {
    // Same content, later moment: Astro's incremental build may copy unchanged trend pages from the last build.
    const result = build(dir, { BUILD_NOW: '3000-01-01', REPORT_PDF: 'off' });
    if (result.status !== 0) throw new Error(result.output.slice(-3000));
  }, 600_000);

  it('publishes it and renumbers every page, including the pages whose own content did not change', () => {
    expect(page(`${SERIES}/${SCHEDULED.slug}`)).toContain('Trend 10 of 10');
    expect(page(`${SERIES}/integration`)).toMatch(/Trend 5 of 10/);
    expect(page(`${SERIES}/mlops`)).toMatch(/Trend 9 of 10/);
  });
});
