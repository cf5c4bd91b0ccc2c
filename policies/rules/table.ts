import { RULE_DOMAINS, RuleDomain } from '../../manifest';
import { enabledByDefault, Rule } from './rule';

// The rule documentation, generated from the rules' metadata (scripts/rules-docs.ts writes it;
// a test keeps README.md and docs/rules.md in sync): one table per domain in the README, and
// the full reference (why, upstream source, parameters) in docs/rules.md.

/** The README's tables: id, category, default, kinds and summary of every rule, by domain. */
export function rulesSummary(rules: readonly Rule<object>[]): string {
  return byDomain(rules).map(([domain, list]) => [
    `**${domain}** — ${RULE_DOMAINS[domain]}`,
    '',
    '| rule | category | default | kinds | what it requires |',
    '| --- | --- | --- | --- | --- |',
    ...list.map((r) => `| [\`${r.id}\`](docs/rules.md#${anchor(r.id)}) | ${r.category} | ${defaultOf(r)} | ${kindsOf(r)} | ${cell(r.summary)} |`),
  ].join('\n')).join('\n\n');
}

/** docs/rules.md: every rule with why it matters, the upstream code it mirrors and its parameters. */
export function rulesReference(rules: readonly Rule<object>[]): string {
  const sections = byDomain(rules).flatMap(([domain, list]) => [
    `## ${domain}`,
    '',
    `${RULE_DOMAINS[domain]}.`,
    '',
    ...list.flatMap((r) => [
      `### ${r.id}`,
      '',
      `${r.category}, ${defaultOf(r)}; ${kindsOf(r)}${r.checksTemplates ? ' (also the job in a Katib Experiment\'s trialSpec)' : ''}.`,
      '',
      r.summary,
      '',
      `**Why:** ${r.why}`,
      ...(r.source ? ['', `**Upstream:** ${r.source}`] : []),
      ...(r.defaults ? ['', `**Parameters:** ${Object.entries(r.defaults).map(([k, v]) => `\`${k}\` (default \`${JSON.stringify(v)}\`)`).join(', ')}`] : []),
      '',
    ]),
  ]);
  return ['# Policy rules', '', 'Generated from the rules\' metadata by `npm run rules-docs`; do not edit.', '', ...sections].join('\n');
}

function byDomain(rules: readonly Rule<object>[]): [RuleDomain, Rule<object>[]][] {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const domains = [...new Set(sorted.map((r) => r.id.split('/')[0] as RuleDomain))];
  return domains.map((d) => [d, sorted.filter((r) => r.id.startsWith(`${d}/`))]);
}

function defaultOf(r: Rule<object>): string {
  return enabledByDefault(r) ? r.severity : `off (${r.severity})`;
}

function kindsOf(r: Rule<object>): string {
  return [...new Set(r.appliesTo.map((k) => k.kind))].join(', ');
}

/** GitHub's heading anchor: lower case, punctuation but `-` dropped. */
function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
