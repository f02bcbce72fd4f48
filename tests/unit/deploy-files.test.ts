import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readYamlFile } from '../../src/lib/content/files.ts';
import { ConfigSchema } from '../../src/server/config.ts';

const root = new URL('../../', import.meta.url).pathname;
const known = new Set(Object.keys(ConfigSchema.shape));
/** Variables read by Node, the browser finder or the build (SITE_URL), not by the server's configuration. */
const outside = new Set(['CHROMIUM_PATH', 'NODE_ENV', 'SITE_URL']);

describe('deployment files', () => {
  it('compose.yaml sets only variables the server reads, so a typo cannot go unnoticed', () => {
    const compose = readYamlFile(`${root}compose.yaml`) as {
      services: { app: { environment: Record<string, string> } };
    };
    const unknown = Object.keys(compose.services.app.environment).filter(
      (name) => !known.has(name) && !outside.has(name),
    );
    expect(unknown).toEqual([]);
  });

  it('the Dockerfile sets only variables the server or the build reads', () => {
    const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8');
    const names = [...dockerfile.matchAll(/^ENV (.+)$/gm)].flatMap(([, rest]) =>
      [...rest!.matchAll(/([A-Z_]+)=/g)].map(([, name]) => name!),
    );
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((name) => !known.has(name) && !outside.has(name))).toEqual([]);
  });

  it("the README's configuration table documents every variable the server reads", () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const table = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
    );
    const missing = [...known].filter((name) => !table.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
