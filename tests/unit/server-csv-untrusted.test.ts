import { describe, expect, it } from 'vitest';
import { untrustedCsvField } from '../../src/lib/csv.ts';

describe('untrustedCsvField', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', `"'\t=1"`],
  ])('neutralises %j so a spreadsheet shows it as text', (value, expected) => {
    expect(untrustedCsvField(value)).toBe(expected);
  });

  it.each([
    ['Acme;=1+1', `"'Acme;=1+1"`],
    ['Acme\t=1+1', `"'Acme\t=1+1"`],
    ['Acme,=HYPERLINK("x")', `"'Acme,=HYPERLINK(""x"")"`],
    ['Acme|-2+3', `"'Acme|-2+3"`],
    ['Acme\n+1', `"'Acme\n+1"`],
    ['Acme;@SUM(A1)', `"'Acme;@SUM(A1)"`],
  ])('neutralises and quotes %j, a formula after a separator a spreadsheet might split on', (value, expected) => {
    expect(untrustedCsvField(value)).toBe(expected);
  });

  it('quotes a field holding a semicolon, the separator of spreadsheets in many locales', () => {
    expect(untrustedCsvField('Smith; Jones & Co')).toBe('"Smith; Jones & Co"');
  });

  it('neutralises a formula that starts with a carriage return, and quotes it for the line break', () => {
    expect(untrustedCsvField('\r=1')).toBe(`"'\r=1"`);
  });

  it.each([
    'Ada',
    'Analytical Engines Ltd',
    'ada@example.com',
    'Data scientist',
    '2026-01-15',
    'a=b',
    'x+y',
    'Smith - Jones',
    '',
  ])('leaves the ordinary text %j unchanged', (value) => {
    expect(untrustedCsvField(value)).toBe(value);
  });

  it.each([
    ['Lovelace, Ada', '"Lovelace, Ada"'],
    ['Ada "the Countess"', '"Ada ""the Countess"""'],
    ['line one\nline two', '"line one\nline two"'],
    ['=1,2', `"'=1,2"`],
    ['-"x"', `"'-""x"""`],
  ])('still quotes %j as RFC 4180 requires', (value, expected) => {
    expect(untrustedCsvField(value)).toBe(expected);
  });

  it('writes numbers, booleans and missing values as the export expects', () => {
    expect(untrustedCsvField(42)).toBe('42');
    expect(untrustedCsvField(true)).toBe('true');
    expect(untrustedCsvField(null)).toBe('');
    expect(untrustedCsvField(undefined)).toBe('');
  });
});
