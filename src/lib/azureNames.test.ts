import { describe, expect, it } from 'vitest';
import { accountNameProblem, resourceGroupNameProblem, tagProblems, tagsObject } from './azureNames';

describe('accountNameProblem', () => {
  it.each(['abc', 'contoso-cmk', 'a1-b2-c3', 'x'.repeat(24), '123'])('accepts %j', (n) => expect(accountNameProblem(n)).toBeUndefined());
  it.each([
    ['', 'Enter an account name.'],
    ['ab', 'at least 3'],
    ['x'.repeat(25), 'at most 24'],
    ['Contoso', 'lower-case'],
    ['con_toso', 'lower-case letters, digits and hyphens'],
    ['-abc', 'start and end'],
    ['abc-', 'start and end'],
    ['ab c', 'lower-case letters, digits and hyphens'],
  ])('refuses %j', (n, message) => expect(accountNameProblem(n)).toContain(message));
});

describe('resourceGroupNameProblem', () => {
  it.each(['rg', 'contoso-fhir-rg', 'My_RG.(1)'])('accepts %j', (n) => expect(resourceGroupNameProblem(n)).toBeUndefined());
  it.each([['', 'Enter'], ['rg.', 'period'], ['r g', 'only letters'], ['x'.repeat(91), '90']])('refuses %j', (n, m) => expect(resourceGroupNameProblem(n)).toContain(m));
});

describe('tagProblems', () => {
  const row = (id: string, name: string, value = '') => ({ id, name, value });
  it('accepts empty rows and valid tags', () => expect(tagProblems([row('1', 'env', 'prod'), row('2', '')]).size).toBe(0));
  it('refuses forbidden characters, long names and values, duplicates and reserved prefixes', () => {
    const p = tagProblems([row('1', 'a/b'), row('2', 'x'.repeat(513)), row('3', 'ok', 'v'.repeat(257)), row('4', 'Env'), row('5', 'env'), row('6', 'azure-x'), row('7', '', 'value')]);
    expect(p.get('1')?.name).toContain('cannot contain');
    expect(p.get('2')?.name).toContain('512');
    expect(p.get('3')?.value).toContain('256');
    expect(p.get('4')).toBeUndefined();
    expect(p.get('5')?.name).toContain('used twice');
    expect(p.get('6')?.name).toContain("can't start with");
    expect(p.get('7')?.name).toContain('Enter a tag name');
  });
  it('allows at most 50 tags', () => {
    const rows = Array.from({ length: 51 }, (_, i) => row(String(i), `t${i}`));
    const p = tagProblems(rows);
    expect(p.size).toBe(1);
    expect(p.get('50')?.name).toContain('at most 50');
  });
  it('builds the tags object from filled rows', () => expect(tagsObject([row('1', ' env ', 'prod'), row('2', '')])).toEqual({ env: 'prod' }));
});
