import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../../config/environment';
import { initialState, problems, wizardReducer, type WizardAction, type WizardState } from './wizardState';

const env = resolveEnvironment({}, 'https://localhost:5173');
const run = (...actions: WizardAction[]) => actions.reduce(wizardReducer, initialState(env));
const field = (f: Extract<WizardAction, { type: 'field' }>['field'], value: string): WizardAction => ({ type: 'field', field: f, value, env });

const complete = (): WizardState =>
  run(
    { type: 'subscription', subscriptionId: 'sub-1' },
    { type: 'resourceGroup', name: 'rg-1', isNew: false },
    field('name', 'my-fhir'),
    field('location', 'westus2'),
  );

describe('wizardReducer', () => {
  it('starts with the portal defaults: R4, 400 RU/s, service-managed key, one empty tag row', () => {
    const s = initialState(env);
    expect(s).toMatchObject({ tab: 'basics', fhirVersion: 'fhir-R4', throughput: 400, encryption: 'service', audience: '' });
    expect(s.tags).toHaveLength(1);
  });

  it('lets the audience follow the account name until it is edited', () => {
    let s = run(field('name', 'abc'));
    expect(s.audience).toBe('https://abc.azurehealthcareapis.localhost');
    s = wizardReducer(s, { type: 'audience', value: 'https://custom.example' });
    s = wizardReducer(s, field('name', 'xyz'));
    expect(s.audience).toBe('https://custom.example');
  });

  it('clears the resource group when the subscription changes', () => {
    const s = wizardReducer(complete(), { type: 'subscription', subscriptionId: 'sub-2' });
    expect(s).toMatchObject({ subscriptionId: 'sub-2', resourceGroup: '', newResourceGroup: false });
  });

  it('keeps one empty tag row at the end, and removes rows', () => {
    let s = initialState(env);
    const first = s.tags[0]!.id;
    s = wizardReducer(s, { type: 'tag', id: first, name: 'env' });
    expect(s.tags).toHaveLength(2);
    s = wizardReducer(s, { type: 'removeTag', id: first });
    expect(s.tags).toHaveLength(1);
    expect(s.tags[0]!.name).toBe('');
  });

  it('marks a tab checked when it is left, and all with checkAll', () => {
    let s = wizardReducer(initialState(env), { type: 'tab', tab: 'tags' });
    expect(s.checked).toEqual(['basics']);
    s = wizardReducer(s, { type: 'checkAll' });
    expect(s.checked).toEqual(['basics', 'additional', 'tags', 'review']);
  });

  it('keeps every value when switching encryption back and forth', () => {
    let s = wizardReducer(complete(), { type: 'encryption', value: 'customer' });
    s = wizardReducer(s, field('keyUri', 'https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk'));
    s = wizardReducer(wizardReducer(s, { type: 'encryption', value: 'service' }), { type: 'encryption', value: 'customer' });
    expect(s.keyUri).toBe('https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk');
  });
});

describe('problems', () => {
  it('a complete service-managed draft has none', () => expect(problems(complete(), env)).toEqual([]));

  it('an empty draft lists each required Basics field', () => {
    expect(problems(initialState(env), env).map((p) => p.field)).toEqual(['subscription', 'resourceGroup', 'name', 'location', 'audience']);
  });

  it.each([
    [399, 'from 400 to 10,000'],
    [10_100, 'from 400 to 10,000'],
    [450, 'steps of 100'],
    [null, 'whole number'],
  ])('refuses throughput %j', (value, message) => {
    const p = problems(wizardReducer(complete(), { type: 'throughput', value }), env);
    expect(p).toEqual([expect.objectContaining({ tab: 'additional', field: 'throughput', message: expect.stringContaining(message) })]);
  });

  it('asks for a key URI with a customer-managed key, and refuses a versioned one with the versionless form', () => {
    let s = wizardReducer(complete(), { type: 'encryption', value: 'customer' });
    expect(problems(s, env)[0]).toMatchObject({ field: 'keyUri' });
    s = wizardReducer(s, field('keyUri', ' https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk/0123456789abcdef0123456789abcdef '));
    expect(problems(s, env)[0]!.message).toContain('use https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk');
    s = wizardReducer(s, field('keyUri', 'https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk'));
    expect(problems(s, env)).toEqual([]);
  });

  it('asks for the cross-tenant application ID in a data-sovereign region with a customer-managed key', () => {
    let s = wizardReducer(complete(), field('location', 'brazilsouth'));
    expect(problems(s, env)).toEqual([]);
    s = wizardReducer(wizardReducer(s, { type: 'encryption', value: 'customer' }), field('keyUri', 'https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk'));
    expect(problems(s, env).map((p) => p.field)).toEqual(['crossTenantAppId']);
    s = wizardReducer(s, field('crossTenantAppId', '8b6f8f5f-9c17-4a5e-8f2f-1d7e1a7b8c9d'));
    expect(problems(s, env)).toEqual([]);
  });

  it('reports tag problems on the Tags tab', () => {
    const s = complete();
    const withTag = wizardReducer(s, { type: 'tag', id: s.tags[0]!.id, name: 'a/b' });
    expect(problems(withTag, env)).toEqual([expect.objectContaining({ tab: 'tags', label: 'Tag' })]);
  });
});
