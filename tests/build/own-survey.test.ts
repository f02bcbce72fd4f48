import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdfText } from './pdf-pages.ts';
import { build, copyOfProject, edit, root } from './project-copy.ts';

/**
 * A figure computed at build from a series' own responses, in a copy of the project: the ML trends series
 * gets a survey/ folder (the unit tests' questionnaire, 200 generated respondents) and one figure with
 * `"survey"`, drawn and bound by <Stat> in trend 1. The page and the downloads carry the computed values
 * and intervals; a segment under the minimum n (30) has no value anywhere; and no respondent-level data,
 * neither a free-text answer nor a row of responses.csv, reaches dist/.
 */
const SERIES = 'ml-trends-2021';
const FIGURE = 'tools-used';
/** A free-text answer that only one respondent gave: it must appear nowhere in dist/. */
const UNIQUE_TEXT = 'zebra-quokka-1931 would like shorter deploys';
/** One respondent's unique number of days, and that respondent's whole row of responses.csv. */
const UNIQUE_DAYS = '8642.137';
let uniqueRow = '';
let dir: string;
let result: { status: number | null; output: string };

/** 200 respondents, generated without randomness: 12 in the "small" company-size segment. */
function responses(): string {
  const roles = ['dev', 'ops', 'mgr'];
  const tools = ['Kubernetes', 'Kubernetes;Terraform', 'Terraform;Helm', 'Helm', '', 'Kubernetes;Helm'];
  const lines = ['q1,q2,q3,q4,q5,q6,q7'];
  for (let i = 1; i <= 200; i++) {
    const days = i === 57 ? UNIQUE_DAYS : String((i % 9) + 1);
    const text = i === 100 ? UNIQUE_TEXT : i % 7 === 0 ? 'More docs' : '';
    const row = [roles[i % 3], i % 17 === 0 ? 'small' : '1000+', tools[i % 6], i % 11, days, (i % 5) + 1, text];
    lines.push(row.join(','));
    if (i === 57) uniqueRow = row.join(',');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The text of every file under `dist/` by path: pages, downloads and the server's bundle as they are,
 * precompressed copies (.br, .gz) and Pagefind's gzipped index decompressed, the report PDF's text as
 * pdf.js reads it. Images are left out: they hold no text to grep.
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

beforeAll(() => {
  dir = copyOfProject();
  const series = join(dir, 'content/series', SERIES);
  cpSync(join(root, 'tests/unit/fixtures/survey/small/survey'), join(series, 'survey'), { recursive: true });
  edit(dir, `content/series/${SERIES}/survey/survey.yaml`, (text) => text.replace('minimumN: 5\n', ''));
  writeFileSync(join(series, 'survey/responses.csv'), responses());
  // series.yaml must agree with responses.csv (the check refuses 403 beside 200 responses).
  edit(dir, `content/series/${SERIES}/series.yaml`, (text) =>
    text.replace(/^ {2}respondents: 403$/m, '  respondents: 200'),
  );
  edit(dir, `content/series/${SERIES}/figures.json`, (text) => {
    const figures = JSON.parse(text) as object[];
    figures.push({
      id: FIGURE,
      title: 'Kubernetes leads the tools platform teams use',
      kind: 'by-segment',
      survey: { question: 'q3', compute: 'shares', segmentBy: 'q2' },
    });
    return JSON.stringify(figures, null, 2);
  });
  edit(dir, `content/series/${SERIES}/trends/01-investment.mdx`, (text) =>
    text
      .replace('figures: [budget-growth,', `figures: [${FIGURE}, budget-growth,`)
      .replace(
        '\n## Higher on the list of IT work',
        `\nIn our own survey, <Stat figure="${FIGURE}" label="Kubernetes" /> of teams used Kubernetes.\n\n<Figure id="${FIGURE}" />\n\n## Higher on the list of IT work`,
      ),
  );
  result = build(dir, { REPORT_PDF: 'on' });
}, 600_000);

afterAll(() => {
  if (dir && !process.env.KEEP_COPY) rmSync(dir, { recursive: true, force: true });
});

const client = () => join(dir, 'dist/client');

describe('a figure computed from the series’ own responses', { timeout: 120_000 }, () => {
  it('builds', () => {
    expect(result.status, result.output.slice(-3000)).toBe(0);
  });

  it('shows the exact wording and the own-survey source line on the page, with no confidence code', () => {
    const page = readFileSync(join(client(), SERIES, 'investment/index.html'), 'utf8');
    expect(page).toContain('Which of these tools does your team use? Select all that apply.');
    expect(page).toContain('Survey of 200 platform engineers, fielded 6–31 May 2024, question Q3');
    // A published source's title is followed by its confidence in brackets: "(report text)".
    expect(page).toContain('Survey of 200 platform engineers');
    expect(page).not.toContain('Survey of 200 platform engineers (');
  });

  it('gives every value its interval in the JSON and CSV downloads, and no value for a suppressed segment', () => {
    const json = JSON.parse(readFileSync(join(client(), SERIES, `figures/${FIGURE}.json`), 'utf8')) as {
      rows: { label: string; value: number; ci95: { low: number; high: number } | null }[];
      segments: { id: string; n: number; rows: { label: string; value?: number; suppressed?: true }[] }[];
      base: { text: string; n: number };
    };
    // 200 respondents; every 6th (i % 6 = 4) chose no tool: 33 → 167 answered.
    expect(json.base).toEqual({ text: 'Respondents who answered, of 200 asked', n: 167 });
    expect(json.rows.map((r) => r.label)).toEqual(['Kubernetes', 'Terraform', 'Helm']);
    for (const row of json.rows) expect(row.ci95!.low).toBeLessThan(row.value);
    const small = json.segments.find((s) => s.id === 'size-small')!;
    expect(small.n).toBeLessThan(30);
    expect(small.rows).toEqual([
      { label: 'Kubernetes', suppressed: true },
      { label: 'Terraform', suppressed: true },
      { label: 'Helm', suppressed: true },
    ]);
    const csv = readFileSync(join(client(), SERIES, `figures/${FIGURE}.csv`), 'utf8');
    expect(csv.split('\r\n').filter((line) => line.includes(',size-small,'))).toHaveLength(3);
  });

  it('lets no respondent-level data into dist/: no free-text answer, no row, no survey file', async () => {
    const texts = await everyBuiltText(join(dir, 'dist'));
    // The report is built, and its text read: the computed figure is in it, the responses are not.
    expect(texts.get(`report/${SERIES}.pdf`)).toContain('Survey of 200 platform engineers');
    expect([...texts.keys()].filter((file) => /(?:responses\.csv|questions\.yaml|survey\.yaml)$/.test(file))).toEqual(
      [],
    );
    const needles = [UNIQUE_TEXT, 'zebra-quokka', UNIQUE_DAYS, uniqueRow, 'More docs'];
    const leaks = [...texts].filter(([, text]) => needles.some((needle) => text.includes(needle))).map(([f]) => f);
    expect(leaks).toEqual([]);
  });

  it('fails the content check, naming file and line, where prose binds a suppressed segment value', () => {
    edit(dir, `content/series/${SERIES}/trends/01-investment.mdx`, (text) =>
      text.replace(
        `<Stat figure="${FIGURE}" label="Kubernetes" /> of teams`,
        `<Stat figure="${FIGURE}" label="Kubernetes" segment="size-small" /> of teams`,
      ),
    );
    const check = spawnSync(join(root, 'node_modules/.bin/node'), [join(root, 'scripts/check-content.ts')], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(check.status).toBe(1);
    expect(check.stderr + check.stdout).toMatch(
      new RegExp(
        `content/series/${SERIES}/trends/01-investment\\.mdx:\\d+: <Stat figure="${FIGURE}" label="Kubernetes" segment="size-small">: the value of "Kubernetes" among Under 1,000 employees \\(Company size\\) is suppressed`,
      ),
    );
  });

  it('stops the build at a bad response, naming responses.csv, the row and the column', () => {
    const file = `content/series/${SERIES}/survey/responses.csv`;
    // Row 31 of the spreadsheet is respondent 30: i % 6 = 0, whose tools cell reads "Kubernetes".
    edit(dir, file, (text) => {
      const lines = text.split('\n');
      lines[30] = lines[30]!.replace(',Kubernetes,', ',K8s,');
      return lines.join('\n');
    });
    const broken = build(dir, { REPORT_PDF: 'off' });
    expect(broken.status).not.toBe(0);
    expect(broken.output).toContain(
      `${file}: row 31, column C "q3": "K8s" is not an answer of question "q3" ("Kubernetes", "Terraform", "Helm")`,
    );
  });
});
