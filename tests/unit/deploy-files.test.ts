import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readYamlFile } from '../../src/lib/content/files.ts';
import { ConfigSchema } from '../../src/gate/config.ts';

const root = new URL('../../', import.meta.url).pathname;
const known = new Set(Object.keys(ConfigSchema.shape));
/** Variables read by Node, the browser finder or the build (SITE_URL), not by the server's configuration. */
const outside = new Set(['CHROMIUM_PATH', 'NODE_ENV', 'SITE_URL', 'START_NO_BUILD']);
const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8');
/** The Dockerfile's stages, by name (the last one, unnamed or not, is also 'runtime'). */
const stages = (() => {
  const parts = dockerfile.split(/^(?=FROM )/m).filter((part) => part.startsWith('FROM '));
  const named = new Map(parts.map((part) => [/^FROM \S+(?: AS (\S+))?/i.exec(part)![1] ?? '', part]));
  named.set('runtime', parts.at(-1)!);
  return named;
})();
/** RUN lines of a stage, continuation lines joined. */
const runs = (stage: string) =>
  [...stage.replace(/\\\n/g, ' ').matchAll(/^RUN (.+)$/gm)].map(([, command]) => command!.replace(/\s+/g, ' '));
const composeText = readFileSync(`${root}compose.yaml`, 'utf8');
const compose = readYamlFile(`${root}compose.yaml`) as {
  services: {
    app: { build: { args: Record<string, string> }; environment: Record<string, string>; volumes: string[] };
  };
  volumes: Record<string, unknown>;
};

/**
 * Every package that scripts/start.ts and scripts/leads.ts load at run time, following the project's own
 * modules (static and dynamic imports; type-only imports load nothing).
 */
function runtimePackages(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const specifiers = [
      ...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm),
      ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map(([, specifier]) => specifier!);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (/\.(ts|mjs|js)$/.test(target) && existsSync(target)) visit(target);
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
        const [scope, name] = specifier.split('/');
        packages.add(scope!.startsWith('@') ? `${scope}/${name}` : scope!);
      }
    }
  };
  for (const entry of entries) visit(join(root, entry));
  return packages;
}

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

  it('npm start and npm run leads load only dependencies at run time, none of the devDependencies', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { dependencies: Record<string, string> };
    const used = runtimePackages(['scripts/start.ts', 'scripts/leads.ts']);
    expect(used).toContain('pg');
    expect(used).toContain('mrmime');
    expect([...used].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});

describe('the Docker image', () => {
  it('builds the site and typesets the PDF in a build stage with the dev dependencies and no browser', () => {
    const build = stages.get('build');
    expect(build, 'a stage named "build"').toBeDefined();
    // Typst (an npm package) typesets the report: no Chromium in the image.
    expect(dockerfile).not.toMatch(/chromium/i);
    expect(runs(build!).some((run) => /^npm ci\b/.test(run) && !run.includes('--omit=dev'))).toBe(true);
    expect(runs(build!).some((run) => run.includes('scripts/start.ts --build-only'))).toBe(true);
  });

  it('requires SITE_URL as a build argument: no origin is made up for the build', () => {
    const build = stages.get('build')!;
    expect(build).toMatch(/^ARG SITE_URL$/m);
    expect(runs(build).some((run) => /test -n "\$SITE_URL"/.test(run) && run.includes('--build-arg SITE_URL='))).toBe(
      true,
    );
    expect(dockerfile).not.toMatch(/ARG SITE_URL=/);
  });

  it("runs on production dependencies alone, with the build stage's dist/, and never builds at run time", () => {
    const runtime = stages.get('runtime')!;
    expect(runtime).not.toBe(stages.get('build'));
    expect(runs(runtime).some((run) => /^npm ci\b.*--omit=dev/.test(run))).toBe(true);
    expect(runtime).toMatch(/^COPY --from=build \S*\/app\/dist \.\/dist$/m);
    // Not the build stage's node_modules (a second Node, Lighthouse, Playwright's test runner…).
    expect(runtime).not.toMatch(/^COPY --from=build\b.*node_modules/m);
    expect(runtime).not.toMatch(/^COPY --from=build \S+ \/app\/?$/m);
    expect(runs(runtime).join('\n')).not.toMatch(/astro build|--build-only|apt-get install .*chromium/);
    expect(runtime).toMatch(/^ENV .*\bSTART_NO_BUILD=1\b/m);
    expect(runtime).toMatch(/^CMD \["node", "scripts\/start\.ts"\]$/m);
  });

  it('keeps the leads and backups on volumes the server user can write', () => {
    const runtime = stages.get('runtime')!;
    expect(runtime).toMatch(/^VOLUME .*\/data/m);
    expect(runtime).toMatch(/^VOLUME .*\/backups/m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(compose.services.app.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/:\/backups$/)]));
  });
});

describe('compose.yaml', () => {
  it('requires SITE_URL, for the build and the container alike, with no localhost default', () => {
    expect(composeText).not.toMatch(/SITE_URL:-/);
    expect(compose.services.app.build.args.SITE_URL).toMatch(/^\$\{SITE_URL:\?.+\}$/);
    expect(compose.services.app.environment.SITE_URL).toMatch(/^\$\{SITE_URL:\?.+\}$/);
  });

  it('trusts no proxy range by default: TRUSTED_PROXIES must be set (empty: no proxy)', () => {
    expect(compose.services.app.environment.TRUSTED_PROXIES).toMatch(/^\$\{TRUSTED_PROXIES\?.+\}$/);
  });

  it('builds the image with the REPORT_PDF the container runs with', () => {
    expect(compose.services.app.build.args.REPORT_PDF).toMatch(/REPORT_PDF/);
    expect(compose.services.app.build.args.REPORT_PDF).toBe(compose.services.app.environment.REPORT_PDF);
  });
});
