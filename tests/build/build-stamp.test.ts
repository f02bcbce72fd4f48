import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../integration/server.ts';
import { build, copyOfProject } from './project-copy.ts';

/** `npm run build`, then `npm start`, as the Deploy section runs them, in a copy of the project. */
const SITE = 'https://reports.example.com';
let dir: string;

beforeAll(() => {
  dir = copyOfProject();
  const built = build(dir, { SITE_URL: SITE, REPORT_PDF: 'off' });
  if (built.status !== 0) throw new Error(built.output.slice(-3000));
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm start after npm run build', { timeout: 300_000 }, () => {
  it('serves that build as it is, without building again', async () => {
    const server = await startServer({ SITE_URL: SITE, REPORT_PDF: 'off' }, dir);
    try {
      expect(server.output()).toContain('The build is up to date.');
      expect(server.output()).not.toContain('Building the site');
    } finally {
      await server.stop();
    }
  });

  it('builds again, with the report, when the build it finds was made without the report PDF', async () => {
    const server = await startServer({ SITE_URL: SITE }, dir);
    try {
      expect(server.output()).toContain('Building the site');
    } finally {
      await server.stop();
    }
  });

  it('builds again for another SITE_URL, whose links the build wrote', async () => {
    const server = await startServer({ SITE_URL: 'https://elsewhere.example', REPORT_PDF: 'off' }, dir);
    try {
      expect(server.output()).toContain('Building the site');
    } finally {
      await server.stop();
    }
  });
});
