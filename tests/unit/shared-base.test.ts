import { describe, expect, it } from 'vitest';
import { sharedBase, sharedBaseNote } from '../../src/lib/shared-base.ts';

describe('sharedBase: the base a page states once', () => {
  it('is the base most numbers share; one with another base keeps its own', () => {
    const bases = [
      'survey of 403; base not published',
      'all respondents, n = 403',
      'survey of 403; base not published',
    ];
    expect(sharedBase(bases)).toBe('survey of 403; base not published');
  });

  it('is none for a page without numbers, and skips trends without one', () => {
    expect(sharedBase([])).toBeUndefined();
    expect(
      sharedBase([undefined, 'survey of 403; base not published', undefined, 'survey of 403; base not published']),
    ).toBe('survey of 403; base not published');
  });

  it('is none where no two numbers share a base: a lone number keeps its own beside it', () => {
    // The demonstration's index: two cards contrast groups, one is a median of all who answered.
    expect(sharedBase([undefined, 'all respondents, n = 500', undefined])).toBeUndefined();
    expect(sharedBase(['all respondents, n = 500', 'who answered, n = 451'])).toBeUndefined();
  });

  it('reads as one note', () => {
    expect(sharedBaseNote('survey of 403; base not published')).toBe(
      'Each share unless marked: survey of 403; base not published.',
    );
  });
});
