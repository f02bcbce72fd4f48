import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutline } from '../../src/integrations/report-pdf/pdf-outline.ts';
import { siteCards } from '../../src/integrations/social-images/site-cards.ts';
import { freePort } from '../integration/server.ts';
import { readPdfText } from './pdf-pages.ts';
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
  title: 'More than half named governance, security and auditability, the leading AI/ML concern',
  slug: 'governance',
};
const DRAFT_FIGURE = 'quokka-only-figure';
const SCHEDULED_FIGURE = 'wombat-only-figure';
/**
 * What the draft's and the scheduled trend's figures hold, and the report's key numbers taken from them
 * (series.yaml's `report.keyNumbers`): none of it may appear in any built file before the trend is out.
 */
const EMBARGOED = {
  draft: { value: '83.17', title: 'Quokka adoption among numbats', says: 'Keep quokkas beside their numbats' },
  scheduled: { value: '61.93', title: 'Wombat pipelines among numbats', says: 'Run wombats through pipelines' },
};
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
  const list = JSON.parse(readFileSync(figures, 'utf8')) as { id: string; title: string; rows: object[] }[];
  // A stacked figure (Increased, Stayed the same, Decreased) of its own for each, the first row distinctive.
  const embargoed = (id: string, { value, title }: { value: string; title: string }) => {
    const [increased, same, decreased] = list[0]!.rows as [object, object, { value: number }];
    const first = Number(value);
    const rest = Number((100 - first - decreased.value).toFixed(2));
    return { ...list[0]!, id, title, rows: [{ ...increased, value: first }, { ...same, value: rest }, decreased] };
  };
  list.push(embargoed(DRAFT_FIGURE, EMBARGOED.draft), embargoed(SCHEDULED_FIGURE, EMBARGOED.scheduled));
  writeFileSync(figures, JSON.stringify(list, null, 2));
  edit(dir, `content/series/${SERIES}/trends/11-${DRAFT.slug}.mdx`, (text) =>
    text.replace('figures: []', `figures: [${DRAFT_FIGURE}]`).concat(`\n<Figure id="${DRAFT_FIGURE}" />\n`),
  );
  // Written and set to go out: a trend still holding new:trend's placeholder text could not be.
  edit(dir, `content/series/${SERIES}/trends/12-${SCHEDULED.slug}.mdx`, (text) =>
    text
      .replace('draft: true', 'draft: false')
      .replace('figures: []', `figures: [${SCHEDULED_FIGURE}]`)
      .replace(
        /^Write the article here\.[^]*$/m,
        `Wombats are moving their pipelines to production.\n\n<Figure id="${SCHEDULED_FIGURE}" />\n`,
      ),
  );
  // Two of the report's three key numbers come from those figures: they wait for their trends.
  edit(dir, `content/series/${SERIES}/series.yaml`, (text) =>
    text.replace(
      /^ {2}keyNumbers:\n {4}- \{ figure: budget-growth.*\n(?: {4,}.*\n)*/m,
      [
        '  keyNumbers:',
        '    - { figure: budget-growth, label: Increased the AI/ML budget }',
        `    - { figure: ${DRAFT_FIGURE}, label: Increased, says: ${EMBARGOED.draft.says} }`,
        `    - { figure: ${SCHEDULED_FIGURE}, label: Increased, says: ${EMBARGOED.scheduled.says} }`,
        '',
      ].join('\n'),
    ),
  );
  // Dated to go out, the scheduled trend has its place in the report's last part (a draft may wait outside).
  edit(dir, `content/series/${SERIES}/series.yaml`, (text) =>
    text.replace('trends: [mlops]', `trends: [mlops, ${SCHEDULED.slug}]`),
  );
  edit(dir, `content/series/${SERIES}/trends/05-governance.mdx`, (text) =>
    text.replace(/^---\n/, '---\ndraft: true\n'),
  );
  // The summary quotes the governance trend's figures in one paragraph: an editor who takes the trend back takes
  // the paragraph out too.
  edit(dir, `content/series/${SERIES}/report/summary.mdx`, (text) =>
    text
      .replace(
        /\*\*[^\n]*<Stat figure="(?:regulations|governance-concern)"[^\n]*/,
        '**Governance comes up in the next edition.**',
      )
      .replace(/<Figure id="(?:regulations|governance-concern)"[^>\n]*\/>/g, ''),
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

/**
 * The text of every file under `dist/` by path: pages, feeds, downloads and the server's bundle as they
 * are, precompressed copies (.br, .gz) and Pagefind's gzipped index decompressed, the PDF's text as pdf.js
 * reads it. Images are left out: the cards they are drawn from are read with `siteCards`.
 */
async function everyBuiltText(base: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of readdirSync(base, { recursive: true, encoding: 'utf8' })) {
    const path = join(base, file);
    if (!statSync(path).isFile() || /\.(png|jpe?g|webp|avif|ico|woff2?)$/.test(file)) continue;
    let bytes = readFileSync(path);
    if (file.endsWith('.pdf')) {
      texts.set(file, await readPdfText(bytes));
      continue;
    }
    if (file.endsWith('.br')) bytes = brotliDecompressSync(bytes);
    else if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    texts.set(file, bytes.toString('utf8'));
  }
  return texts;
}

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
    // Nor an image, an embed page or an oEmbed answer of a figure only they show.
    for (const file of ['figures/governance-concern.png', 'figures/governance-concern.svg']) {
      expect(existsSync(join(client, SERIES, file)), file).toBe(false);
    }
    expect(existsSync(join(client, 'oembed', SERIES, 'governance-concern.json'))).toBe(false);
    expect(existsSync(join(client, SERIES, 'figures/budget-growth.png'))).toBe(true);
    expect(existsSync(join(client, SERIES, 'investment/embed/budget-growth/index.html'))).toBe(true);
    expect(existsSync(join(client, 'oembed', SERIES, 'budget-growth.json'))).toBe(true);
  });

  it('names them nowhere: not in a page, the feed, the sitemap, JSON-LD or the search index', () => {
    const files = publicText();
    expect(files.get(`${SERIES}/rss.xml`)).toContain('/ml-trends-2021/investment/');
    expect(files.get('sitemap-0.xml')).toContain('/ml-trends-2021/investment/');
    for (const needle of [
      DRAFT.title,
      SCHEDULED.title,
      GOVERNANCE.title,
      GOVERNANCE.title.replace("'", '’'),
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

  it("publishes none of their figures' numbers: no built file holds a value, title or key number of theirs", async () => {
    const everything = await everyBuiltText(join(dir, 'dist'));
    const cards = JSON.stringify(siteCards(dir));
    // The needles can be found: the published key number is on the home page, in the PDF and on a card.
    const published = 'Increased the AI/ML budget';
    expect(everything.get('client/index.html')).toContain(published);
    expect(everything.get(`report/${SERIES}.pdf`)).toContain(published);
    expect(cards).toContain(published);
    // Every leak at once: each needle with the files (and "social cards") that hold it.
    const leaks: Record<string, string[]> = {};
    const needles = Object.values(EMBARGOED).flatMap(({ value, title, says }) => [value, title, says]);
    for (const needle of [...needles, DRAFT_FIGURE, SCHEDULED_FIGURE]) {
      const found = [...everything].filter(([, text]) => text.includes(needle)).map(([file]) => file);
      if (cards.includes(needle)) found.push('social cards');
      if (found.length > 0) leaks[needle] = found;
    }
    expect(leaks).toEqual({});
    // The home page leads with a published figure's chart (series.yaml home.lead).
    expect(page('')).toContain('id="figure-budget-growth"');
  });

  it('says in the build log which key numbers it leaves out until their trend is out', () => {
    const line = output.split('\n').find((l) => l.includes(`${SERIES}: 2 key numbers left out of this build`));
    expect(line).toContain(`report.keyNumbers[1] (${DRAFT_FIGURE}, used only by 11-${DRAFT.slug}.mdx)`);
    expect(line).toContain(`report.keyNumbers[2] (${SCHEDULED_FIGURE}, used only by 12-${SCHEDULED.slug}.mdx)`);
  });

  it('leaves them out of the report PDF: its outline lists the nine published trends', async () => {
    expect(output).toMatch(/\[report-pdf\]/);
    const { entries } = await readOutline(readFileSync(join(dir, 'dist/report', `${SERIES}.pdf`)));
    const titles = entries.map((e) => e.title).join('\n');
    expect(titles).not.toMatch(/Quokka|Wombat/);
    expect(titles).not.toContain(GOVERNANCE.title);
    expect(titles).not.toContain(GOVERNANCE.title.replace("'", '’'));
    expect(titles).toMatch(/^1\. /m);
    // The outline's titles keep a heading's apostrophe ASCII (html-to-typst.ts headingMarkup: tagged titles).
    expect(titles).toMatch(/^9\. The survey['’]s publisher sold MLOps tools/m);
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
    // The home page features the series with published trends, not the new series of drafts.
    expect(page('')).toContain(`href="/${SERIES}/"`);
    expect(page('')).not.toContain(NEW_SERIES);
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
    // The kicker holds its words with no-break spaces (\s matches them): "Trend 5 of 10" never wraps inside.
    expect(page(`${SERIES}/${SCHEDULED.slug}`)).toMatch(/Trend\s10\sof\s10/);
    expect(page(`${SERIES}/integration`)).toMatch(/Trend\s5\sof\s10/);
    expect(page(`${SERIES}/mlops`)).toMatch(/Trend\s9\sof\s10/);
  });

  it("publishes its figure and its key number with it, and still none of the draft's", async () => {
    expect(page('')).toContain(`href="/${SERIES}/${SCHEDULED.slug}/"`);
    // The report page is rendered by the server, from the series summaries in its bundle.
    const server = [...(await everyBuiltText(join(dir, 'dist/server')))].map(([, text]) => text).join('\n');
    expect(server).toContain(EMBARGOED.scheduled.says);
    expect(server).not.toContain(EMBARGOED.draft.says);
    expect(existsSync(join(client, SERIES, `figures/${SCHEDULED_FIGURE}.csv`))).toBe(true);
    expect(page('')).not.toContain(EMBARGOED.draft.says);
    expect(existsSync(join(client, SERIES, `figures/${DRAFT_FIGURE}.csv`))).toBe(false);
  });
});
