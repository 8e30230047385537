import type { Environment } from '../../config/environment';
import { accountNameProblem, GUID, resourceGroupNameProblem, tagProblems, tagsObject, type TagRow } from '../../lib/azureNames';
import type { NewFhirService } from '../../azure/createFhirService';
import { validateKeyUri, VERSIONED_KEY_URI_REASON } from '../../lib/keyUri';

export const TABS = [
  { id: 'basics', label: 'Basics' },
  { id: 'additional', label: 'Additional settings' },
  { id: 'tags', label: 'Tags' },
  { id: 'review', label: 'Review + create' },
] as const;
export type TabId = (typeof TABS)[number]['id'];

export type Encryption = 'service' | 'customer';
export type FhirVersion = 'fhir-R4' | 'fhir-Stu3';

export interface WizardState {
  tab: TabId;
  subscriptionId: string;
  resourceGroup: string;
  /** The resource group is to be created with the account. */
  newResourceGroup: boolean;
  name: string;
  location: string;
  fhirVersion: FhirVersion;
  authority: string;
  /** Until edited, the audience follows the account name, as in the Azure portal. */
  audience: string;
  audienceEdited: boolean;
  throughput: number | null;
  encryption: Encryption;
  keyUri: string;
  crossTenantAppId: string;
  tags: TagRow[];
  /** Tabs whose checks are shown in full (visited and left, or checked by Review + create). */
  checked: TabId[];
}

export const MIN_THROUGHPUT = 400;
export const MAX_THROUGHPUT = 10_000;
export const THROUGHPUT_STEP = 100;

let rowSeq = 0;
export const newTagRow = (): TagRow => ({ id: `tag-${Date.now().toString(36)}-${(rowSeq++).toString(36)}`, name: '', value: '' });

export function initialState(env: Environment): WizardState {
  return {
    tab: 'basics', subscriptionId: '', resourceGroup: '', newResourceGroup: false, name: '', location: '', fhirVersion: 'fhir-R4',
    authority: env.authority,
    audience: '', audienceEdited: false, throughput: MIN_THROUGHPUT, encryption: 'service', keyUri: '', crossTenantAppId: '',
    tags: [newTagRow()], checked: [],
  };
}

export const defaultAudience = (env: Environment, name: string) => (name ? `https://${name}.${env.fhirHostSuffix}` : '');

export type WizardAction =
  | { type: 'tab'; tab: TabId }
  | { type: 'subscription'; subscriptionId: string }
  | { type: 'resourceGroup'; name: string; isNew: boolean }
  | { type: 'field'; field: 'name' | 'location' | 'fhirVersion' | 'authority' | 'keyUri' | 'crossTenantAppId'; value: string; env: Environment }
  | { type: 'audience'; value: string }
  | { type: 'throughput'; value: number | null }
  | { type: 'encryption'; value: Encryption }
  | { type: 'tag'; id: string; name?: string; value?: string }
  | { type: 'removeTag'; id: string }
  | { type: 'checkAll' }
  | { type: 'restore'; state: WizardState };

/** Tags always end with one empty row to type into, as in the portal. */
function withTrailingEmptyRow(rows: TagRow[]): TagRow[] {
  const last = rows[rows.length - 1];
  return !last || last.name || last.value ? [...rows, newTagRow()] : rows;
}

const markChecked = (checked: TabId[], tab: TabId) => (checked.includes(tab) ? checked : [...checked, tab]);

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'tab':
      // Leaving a tab shows its checks in full from then on.
      return { ...state, tab: action.tab, checked: markChecked(state.checked, state.tab) };
    case 'subscription':
      return action.subscriptionId === state.subscriptionId
        ? state
        : { ...state, subscriptionId: action.subscriptionId, resourceGroup: '', newResourceGroup: false };
    case 'resourceGroup':
      return { ...state, resourceGroup: action.name, newResourceGroup: action.isNew };
    case 'field': {
      const next = { ...state, [action.field]: action.value };
      if (action.field === 'name' && !state.audienceEdited) next.audience = defaultAudience(action.env, action.value);
      return next;
    }
    case 'audience':
      return { ...state, audience: action.value, audienceEdited: true };
    case 'throughput':
      return { ...state, throughput: action.value };
    case 'encryption':
      return { ...state, encryption: action.value };
    case 'tag':
      return {
        ...state,
        tags: withTrailingEmptyRow(state.tags.map((t) => (t.id === action.id ? { ...t, ...(action.name !== undefined ? { name: action.name } : {}), ...(action.value !== undefined ? { value: action.value } : {}) } : t))),
      };
    case 'removeTag':
      return { ...state, tags: withTrailingEmptyRow(state.tags.filter((t) => t.id !== action.id)) };
    case 'checkAll':
      return { ...state, checked: TABS.map((t) => t.id) };
    case 'restore':
      return action.state;
  }
}

export type FieldId =
  | 'subscription' | 'resourceGroup' | 'name' | 'location' | 'authority' | 'audience' | 'throughput' | 'keyUri' | 'crossTenantAppId';

export interface Problem {
  tab: TabId;
  field: FieldId | `tag:${string}`;
  label: string;
  message: string;
}

const isHttpsUrl = (v: string) => {
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
};

/** Every problem of the draft, by tab — the same checks the fields show, so Review lists exactly what the tabs say. */
export function problems(state: WizardState, env: Environment): Problem[] {
  const out: Problem[] = [];
  const add = (tab: TabId, field: Problem['field'], label: string, message: string | undefined) => {
    if (message) out.push({ tab, field, label, message });
  };
  add('basics', 'subscription', 'Subscription', state.subscriptionId ? undefined : 'Select a subscription.');
  add('basics', 'resourceGroup', 'Resource group', state.resourceGroup ? (state.newResourceGroup ? resourceGroupNameProblem(state.resourceGroup) : undefined) : 'Select a resource group, or create a new one.');
  add('basics', 'name', 'Account name', accountNameProblem(state.name));
  add('basics', 'location', 'Location', state.location ? undefined : 'Select a location.');

  add('additional', 'authority', 'Authority', isHttpsUrl(state.authority) ? undefined : 'Enter the authority as an https URL, for example https://login.microsoftonline.com/{tenant ID}.');
  add('additional', 'audience', 'Audience', isHttpsUrl(state.audience) ? undefined : 'Enter the audience as an https URL, for example the FHIR endpoint https://{account}.azurehealthcareapis.com.');
  const t = state.throughput;
  add('additional', 'throughput', 'Provisioned throughput (RU/s)',
    t === null || !Number.isInteger(t) ? 'Enter a whole number of RU/s from 400 to 10,000.'
      : t < MIN_THROUGHPUT || t > MAX_THROUGHPUT ? 'Provisioned throughput must be from 400 to 10,000 RU/s. More needs a support request.'
        : t % THROUGHPUT_STEP !== 0 ? 'Provisioned throughput goes in steps of 100 RU/s.' : undefined);
  if (state.encryption === 'customer') {
    const key = validateKeyUri(state.keyUri, env.keyVaultSuffixes);
    add('additional', 'keyUri', 'Key URI',
      !key.ok ? key.message
        : key.versioned ? `This URI names one version of the key. ${VERSIONED_KEY_URI_REASON}, so it needs the URI without the version: use ${key.parts.versionless}.` : undefined);
    if (env.dataSovereignRegions.includes(state.location)) {
      add('additional', 'crossTenantAppId', 'Cross-tenant application ID',
        GUID.test(state.crossTenantAppId.trim()) ? undefined : 'In this region a customer-managed key needs the application ID Microsoft issued for it: enter it as a GUID.');
    }
  }
  for (const [id, p] of tagProblems(state.tags)) {
    add('tags', `tag:${id}`, 'Tag', [p.name, p.value].filter(Boolean).join(' '));
  }
  return out;
}

/** The draft as the PUT will carry it. */
export function toNewService(state: WizardState): NewFhirService {
  const keyUri = state.encryption === 'customer' ? state.keyUri.trim() : '';
  const crossTenant = state.encryption === 'customer' ? state.crossTenantAppId.trim() : '';
  return {
    subscriptionId: state.subscriptionId, resourceGroup: state.resourceGroup, name: state.name, location: state.location, kind: state.fhirVersion,
    authority: state.authority.trim(), audience: state.audience.trim(), offerThroughput: state.throughput ?? MIN_THROUGHPUT,
    ...(keyUri ? { keyVaultKeyUri: keyUri } : {}),
    ...(crossTenant ? { crossTenantCmkApplicationId: crossTenant } : {}),
    tags: tagsObject(state.tags),
  };
}
