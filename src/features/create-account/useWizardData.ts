import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { listSubscriptions } from '../../azure/listSubscriptions';
import { listResourceGroups } from '../../azure/listResourceGroups';
import { checkFhirServiceName } from '../../azure/checkFhirServiceName';
import { canPerform } from '../../azure/getPermissions';
import { accountNameProblem } from '../../lib/azureNames';
import { useKeyChecks } from '../../components/KeyChecks';
import type { WizardState } from './wizardState';
import { useDebounced } from '../../components/useDebounced';


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

  const keyChecks = useKeyChecks(state.keyUri, state.encryption === 'customer');

  return {
    subscriptions,
    resourceGroups,
    nameAvailability: name === state.name ? nameAvailability : undefined,
    permission,
    keyChecks,
  };
}

export type WizardData = ReturnType<typeof useWizardData>;
