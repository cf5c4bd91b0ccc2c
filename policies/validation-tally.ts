import { Finding } from '../manifest';
import { LoadedSource, LoadEvent } from './load';
import { firstOfItsKind, SchemaValidator } from './schema-validator';

/** How many objects were read and how each fared (the `validate` command's summary). */
export interface ValidationCounts {
  objects: number;
  valid: number;
  invalid: number;
  /** Objects of a kind without a schema (a warning). */
  notValidated: number;
  /** Documents that could not be parsed. */
  unparsed: number;
}

/** The outcome of validating some files or documents. */
export interface ValidationResult {
  /** Every finding, in the order of the files and documents they are about. */
  readonly findings: Finding[];
  readonly counts: ValidationCounts;
  /** The Kubernetes objects without errors, when asked for (e.g. to send them to a server dry run). */
  readonly valid: LoadedSource[];
  /** Every object read, when asked for (e.g. for the policy rules, which look across objects). */
  readonly objects: LoadedSource[];
}

/** Which objects a tally keeps besides findings and counts. */
export interface KeepOptions {
  /** @default false */
  readonly keepValid?: boolean;
  /** @default false */
  readonly keepObjects?: boolean;
}

/** Validates what is read, one event at a time, keeping only findings and counts (and objects when asked). */
export class ValidationTally implements ValidationResult {
  public readonly findings: Finding[] = [];
  public readonly counts: ValidationCounts = { objects: 0, valid: 0, invalid: 0, notValidated: 0, unparsed: 0 };
  public readonly valid: LoadedSource[] = [];
  public readonly objects: LoadedSource[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly validator: SchemaValidator, private readonly keep: KeepOptions = {}) {}

  public add(event: LoadEvent): void {
    if ('finding' in event) {
      this.findings.push(event.finding);
      if (event.finding.rule === 'load/parse') this.counts.unparsed++;
      return;
    }
    const found = this.validator.validate(event.source).filter((f) => firstOfItsKind(f, this.seen));
    this.findings.push(...found);
    this.counts.objects++;
    const failed = found.some((f) => f.severity === 'error');
    if (failed) this.counts.invalid++;
    else if (found.some((f) => f.rule === 'schema/unknown-kind')) this.counts.notValidated++;
    else this.counts.valid++;
    // Only Kubernetes objects go on (to a server dry run): not kfp's pipeline IR or other YAML.
    const object = event.source.object as { apiVersion?: unknown; kind?: unknown } | null;
    const kubernetes = typeof object === 'object' && object !== null && (object.apiVersion !== undefined || object.kind !== undefined);
    if (this.keep.keepValid && !failed && kubernetes) this.valid.push(event.source);
    if (this.keep.keepObjects) this.objects.push(event.source);
  }

  /** Appends a result computed elsewhere (another thread), keeping the order of the input. */
  public merge(other: ValidationResult): void {
    this.findings.push(...other.findings.filter((f) => firstOfItsKind(f, this.seen)));
    for (const key of Object.keys(this.counts) as (keyof ValidationCounts)[]) this.counts[key] += other.counts[key];
    this.valid.push(...other.valid);
    this.objects.push(...other.objects);
  }

  /** A plain copy, to post to another thread. */
  public result(): ValidationResult {
    return { findings: this.findings, counts: { ...this.counts }, valid: this.valid, objects: this.objects };
  }
}
