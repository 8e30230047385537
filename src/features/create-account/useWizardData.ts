import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { listSubscriptions } from '../../azure/listSubscriptions';
import { listResourceGroups } from '../../azure/listResourceGroups';
import { checkFhirServiceName } from '../../azure/checkFhirServiceName';
import { canPerform } from '../../azure/getPermissions';
import { checkCustomerManagedKey } from '../../azure/checkCustomerManagedKey';
import { accountNameProblem } from '../../lib/azureNames';
import { validateKeyUri } from '../../lib/keyUri';
import type { WizardState } from './wizardState';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

export const WRITE_ACTION = 'Microsoft.HealthcareApis/services/write';

/** What the wizard reads from Azure: subscriptions, groups, name availability, write permission, key checks. */
export function useWizardData(state: WizardState) {
  const { env, credential } = useSession();
  const subscriptions = useQuery({ queryKey: ['subscriptions'], queryFn: ({ signal }) => listSubscriptions(env, credential, signal) });
  const resourceGroups = useQuery({
    queryKey: ['resource-groups', state.subscriptionId],
    queryFn: ({ signal }) => listResourceGroups(env, credential, state.subscriptionId, signal),
    enabled: !!state.subscriptionId,
  });

  const name = useDebounced(state.name, 400);
  const nameAvailability = useQuery({
    queryKey: ['name-availability', state.subscriptionId, name],
    queryFn: ({ signal }) => checkFhirServiceName(env, credential, state.subscriptionId, name, signal),
    enabled: !!state.subscriptionId && !!name && !accountNameProblem(name),
    staleTime: 10_000,
  });

  const permissionScope = state.resourceGroup && !state.newResourceGroup ? state.resourceGroup : undefined;
  const permission = useQuery({
    queryKey: ['can-write', state.subscriptionId, permissionScope ?? ''],
    queryFn: ({ signal }) => canPerform(env, credential, WRITE_ACTION, { subscriptionId: state.subscriptionId, ...(permissionScope ? { resourceGroup: permissionScope } : {}) }, signal),
    enabled: !!state.subscriptionId,
  });

  const keyUri = useDebounced(state.keyUri, 400);
  const parsedKey = state.encryption === 'customer' ? validateKeyUri(keyUri, env.keyVaultSuffixes) : undefined;
  const keyToCheck = parsedKey?.ok && !parsedKey.versioned ? { vault: parsedKey.parts.vault, key: parsedKey.parts.key } : undefined;
  const subscriptionIds = (subscriptions.data ?? []).map((s) => s.id);
  const keyChecks = useQuery({
    queryKey: ['key-checks', keyToCheck?.vault, keyToCheck?.key, subscriptionIds.join()],
    queryFn: ({ signal }) => checkCustomerManagedKey(env, credential, keyToCheck!, subscriptionIds, signal),
    enabled: !!keyToCheck && subscriptionIds.length > 0,
    staleTime: 15_000,
  });

  return {
    subscriptions,
    resourceGroups,
    nameAvailability: name === state.name ? nameAvailability : undefined,
    permission,
    keyChecks: keyToCheck && keyUri === state.keyUri ? keyChecks : undefined,
  };
}

export type WizardData = ReturnType<typeof useWizardData>;
