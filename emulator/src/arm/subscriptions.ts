import { armErrors } from '../errors/arm.ts';
import { getSubscription, listSubscriptions, rolesAt, type SubscriptionRow } from '../store/resources.ts';
import type { ArmRequest, ArmResponse } from './context.ts';

function subscriptionBody(s: SubscriptionRow) {
  return {
    id: `/subscriptions/${s.id}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.id,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    tags: {},
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

const visible = (r: ArmRequest, s: SubscriptionRow) => rolesAt(r.db, r.principal.objectId, `/subscriptions/${s.id}`).length > 0;

export function listSubscriptionsHandler(r: ArmRequest): ArmResponse {
  return { status: 200, body: { value: listSubscriptions(r.db).filter((s) => visible(r, s)).map(subscriptionBody) } };
}

export function getSubscriptionHandler(r: ArmRequest): ArmResponse {
  const s = getSubscription(r.db, r.params.subscriptionId!);
  if (!s || !visible(r, s)) throw armErrors.subscriptionNotFound(r.params.subscriptionId!);
  return { status: 200, body: subscriptionBody(s) };
}
