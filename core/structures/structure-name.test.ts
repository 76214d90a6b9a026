import { describe, expect, it } from 'vitest';
import { checkNewStructureName } from './structure-name.ts';

describe('checkNewStructureName', () => {
  it('accepts an ordinary name', () => {
    expect(checkNewStructureName('PTV_7000', ['GTV', 'CTV'])).toEqual({ error: null, warning: null });
  });

  it('refuses an empty name', () => {
    expect(checkNewStructureName('', []).error).toMatch(/needs a name/);
  });

  it('refuses a backslash, saying what a planning system would read', () => {
    const check = checkNewStructureName('GTV\\boost', []);
    expect(check.error).toMatch(/backslash/);
    expect(check.error).toContain('"GTV\\1"');
  });

  it('refuses control characters', () => {
    for (const name of ['GTV\tboost', 'GTV\nboost', 'GTV\u007f', 'GTV\u0000']) expect(checkNewStructureName(name, []).error).toMatch(/control character/);
  });

  it('refuses more than 64 characters and accepts exactly 64', () => {
    expect(checkNewStructureName('x'.repeat(64), []).error).toBeNull();
    expect(checkNewStructureName('x'.repeat(65), []).error).toMatch(/64 characters at most.*65/);
  });

  it('warns, without refusing, when another structure has the name in other case', () => {
    const check = checkNewStructureName('ptv', ['GTV', 'PTV']);
    expect(check.error).toBeNull();
    expect(check.warning).toContain('"PTV"');
  });
});
