import { Finding, PolicyConfig, Severity } from '../manifest';
import { checkFiles } from './check-files';
import { readPolicyFile } from './config-file';
import { ReleaseError, ResolvedRelease, resolveRelease } from './schema-dir';
import { SchemaFolderError } from './schema-validator';

// The parts of cdk8s-cli's plugin API (lib/plugins/validation.d.ts) this plugin uses, written
// out so that the package does not depend on cdk8s-cli at run time.
interface ViolatingResource {
  readonly resourceName: string;
  readonly locations: readonly string[];
  readonly manifestPath: string;
}
interface ValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: { ruleName: string; recommendation: string; fix: string; violatingResources: readonly ViolatingResource[] }): void;
    submit(status: 'success' | 'failure', metadata?: Readonly<Record<string, string>>): void;
  };
  readonly logger: { log(message: string): void };
}

/** The `properties` of the plugin's entry in cdk8s.yaml `validations:`. */
export interface KubeflowValidationProps {
  /** A policy file (YAML), as `validate --policies`, relative to the project. @default - the rules' defaults */
  readonly policies?: string;
  /**
   * The release whose schemas the manifests are validated against, as `validate --release`: a
   * preset name or a schemas folder made by `cdk8s-kubeflow schemas` (relative to the project).
   * @default the default preset (kubeflow-platform-2026-04)
   */
  readonly release?: string;
  /** The lowest severity that fails `cdk8s synth`. @default 'error' */
  readonly failOn?: Severity;
}

/**
 * A cdk8s validation plugin: `cdk8s synth` of any cdk8s app (not only one built with our
 * constructs) runs the checks of `validate` on the manifests it wrote: schemas, CEL, admission,
 * runtime and configured platform rules. In cdk8s.yaml:
 *
 *     validations:
 *       - package: ./node_modules/cdk8s-kubeflow/lib/policies/cdk8s-plugin.js
 *         version: 0.1.0
 *         class: KubeflowValidation
 *         properties: { policies: policies.yaml }
 *
 * `properties.release` picks the schemas (default: the default preset). Every finding becomes one violation (rule id, message, fix, object and JSON path); a finding
 * at `failOn` or above fails synth. Nothing it is given throws: a broken policy file or schemas
 * folder is a violation too.
 */
export class KubeflowValidation {
  private readonly props: KubeflowValidationProps;

  constructor(props: KubeflowValidationProps = {}) {
    this.props = props;
  }

  public async validate(context: ValidationContext): Promise<void> {
    const { findings, objects } = await this.check(context.manifests);
    for (const f of findings) {
      context.report.addViolation({
        ruleName: `${f.rule} (${f.severity})`,
        recommendation: f.message,
        fix: f.fix ?? '',
        violatingResources: [{ resourceName: nameOf(f), locations: [f.path], manifestPath: f.file ?? '' }],
      });
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    const failed = errors > 0 || (this.props.failOn === 'warning' && findings.length > 0);
    context.report.submit(failed ? 'failure' : 'success', { objects: String(objects), errors: String(errors), warnings: String(findings.length - errors) });
  }

  private async check(manifests: readonly string[]): Promise<{ findings: Finding[]; objects: number }> {
    const problem = (rule: Finding['rule'], resource: string, message: string, fix: string) =>
      ({ findings: [{ severity: 'error' as const, rule, resource, path: '.', message, fix }], objects: 0 });
    if (this.props.failOn !== undefined && this.props.failOn !== 'error' && this.props.failOn !== 'warning') {
      return problem('policy', 'cdk8s.yaml', `properties.failOn is "${String(this.props.failOn)}"`, 'set it to error or warning');
    }
    let config: PolicyConfig | undefined;
    try {
      config = this.props.policies === undefined ? undefined : readPolicyFile(this.props.policies);
    } catch (e) {
      return problem('policy', 'cdk8s.yaml', `properties.policies: ${(e as Error).message}`, 'fix the policy file, or the path in cdk8s.yaml');
    }
    let release: ResolvedRelease;
    try {
      release = resolveRelease(this.props.release, 'properties.release');
    } catch (e) {
      if (!(e instanceof ReleaseError)) throw e;
      return problem('schema', 'cdk8s.yaml', e.message, 'name a preset or a folder made by `cdk8s-kubeflow schemas`, or leave properties.release out');
    }
    try {
      const result = await checkFiles(manifests, { schemas: release.schemasDir, config, configSource: this.props.policies });
      return { findings: result.findings, objects: result.counts.objects };
    } catch (e) {
      if (e instanceof SchemaFolderError) return problem('schema', 'cdk8s.yaml', `properties.release ${this.props.release ?? release.facts.name}: ${e.message}`, 'regenerate the folder with `cdk8s-kubeflow schemas`, or leave properties.release out');
      return problem('policy', 'cdk8s.yaml', `the checks failed: ${(e as Error).message}`, 'this is a bug in cdk8s-kubeflow: please report it');
    }
  }
}

/** The object's name (cdk8s maps it to the construct path), from `apiVersion Kind namespace/name`. */
function nameOf(f: Finding): string {
  const last = f.resource.split(' ').pop() ?? f.resource;
  return last.slice(last.indexOf('/') + 1);
}
