import { describe, expect, it } from 'vitest';
import { isKnownWarning } from '../../src/integrations/known-warnings.ts';

const headInject = {
  code: 'MODULE_LEVEL_DIRECTIVE',
  message:
    'The semantics of the module level directive "use astro:head-inject" in "content/series/a/trends/01-x.mdx?astroPropagatedAssets" may not be preserved when bundling.',
};

describe('known build warnings', () => {
  it("drop Astro's head-injection directive warning, one per MDX file", () => {
    expect(isKnownWarning('warn', headInject)).toBe(true);
  });

  it('keep every other warning, including other module-level directives', () => {
    expect(
      isKnownWarning('warn', { ...headInject, message: headInject.message.replace('astro:head-inject', 'client') }),
    ).toBe(false);
    expect(
      isKnownWarning('warn', {
        code: 'UNRESOLVED_IMPORT',
        message: '"./missing.ts" is imported but could not be resolved',
      }),
    ).toBe(false);
    expect(isKnownWarning('warn', { message: 'a warning without a code mentioning "use astro:head-inject"' })).toBe(
      false,
    );
  });

  it('never drop an error', () => {
    expect(isKnownWarning('error', headInject)).toBe(false);
  });
});
