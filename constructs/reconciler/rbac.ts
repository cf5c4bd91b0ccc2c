import { ApiObject } from 'cdk8s';
import { groupOf, INVENTORY_GROUP, INVENTORY_KIND } from '../../manifest';
import { Stack } from '../core';
import { pluralOf } from './plurals';

/** An RBAC rule (rbac.authorization.k8s.io/v1 PolicyRule). @internal */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly verbs: readonly string[];
}

/** The API group of the Events the reconciler records. */
export const EVENTS_GROUP = 'events.k8s.io';

/**
 * The reconciler's cluster-wide rules, least privilege: get/list/watch exactly the kinds the
 * stacks emit (one rule per group, resources sorted) and Inventories; patch only Inventory
 * status; create and patch Events. Nothing else: it never writes the objects it tracks.
 * Kinds are read from the stacks' ApiObjects, so nothing is rendered (and a reconciler inside a
 * stack it tracks, or an object added after it, counts).
 * @internal
 */
export function clusterRulesFor(stacks: readonly Stack[]): PolicyRule[] {
  const byGroup = new Map<string, Set<string>>([[INVENTORY_GROUP, new Set([pluralOf(INVENTORY_KIND)])]]);
  for (const stack of stacks) {
    for (const o of stack.node.findAll()) {
      if (!(o instanceof ApiObject)) continue;
      const group = groupOf(o.apiVersion);
      if (!byGroup.has(group)) byGroup.set(group, new Set());
      byGroup.get(group)!.add(pluralOf(o.kind));
    }
  }
  const read = [...byGroup.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, resources]) => ({ apiGroups: [group], resources: [...resources].sort(), verbs: ['get', 'list', 'watch'] }));
  return [
    ...read,
    { apiGroups: [INVENTORY_GROUP], resources: [`${pluralOf(INVENTORY_KIND)}/status`], verbs: ['patch'] },
    { apiGroups: [EVENTS_GROUP], resources: ['events'], verbs: ['create', 'patch'] },
  ];
}

/** The rules of the reconciler's own namespace: its Lease only (create cannot be limited to a name, so it is separate). @internal */
export function leaseRules(leaseName: string): PolicyRule[] {
  return [
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: [leaseName], verbs: ['get', 'update'] },
  ];
}
