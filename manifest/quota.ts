/**
 * The ResourceQuota keys for which the API server requires every container of a new pod to
 * state the resource ("must specify requests.cpu"), unless a LimitRange gives a default
 * (kubernetes pkg/quota/v1/evaluator/core/pods.go podEvaluator.Constraints).
 */
export const QUOTA_KEYS_REQUIRING_AMOUNTS = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'] as const;
