import * as fs from 'fs';
import * as path from 'path';
import { Evaluation } from './evaluation';
import { buildSchemaTree, SchemaNode } from './schema-tree';

/** A rule that the object breaks. */
export interface CelViolation {
  /** JSON path like `.spec.trainer.numNodes`: where the rule sits, or its fieldPath. */
  path: string;
  /** The rule's message, its evaluated messageExpression, or `failed rule: <rule>`. */
  message: string;
  rule: string;
  /** The rule's reason (FieldValueForbidden, …), when it gives one. */
  reason?: string;
  /** Set when the rule could not be evaluated on this object (e.g. `no such key: x`), which the API server rejects too. */
  evaluationError?: string;
}

export interface CelResult {
  violations: CelViolation[];
  /** Rules present in the object that this evaluator cannot run: once per rule, never a silent pass. */
  unchecked: Array<{ rule: string; why: string; path: string }>;
}

/**
 * Evaluates the `x-kubernetes-validations` (CEL) rules of a schema on an object, client-side,
 * as the API server does on create: defaults applied, transition rules (oldSelf) skipped.
 * The whole object is checked, `.status` included (as kubectl-validate does); the API server
 * drops the status of a kind with a status subresource on create, so a caller mirroring create
 * drops it first, as SchemaValidator does.
 * Each schema file is read once per validator, each rule compiled once per process.
 */
export class CelValidator {
  /** A validator reading the schema files of a schemas folder (see schemas/<release>/SOURCES.md). */
  public static forDir(dir: string): CelValidator {
    return new CelValidator((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as object);
  }

  private readonly trees = new Map<string, SchemaNode>();

  constructor(private readonly readSchema: (relativeFile: string) => object) {}

  /** @param schemaFile relative to the schemas folder, as in index.json (`json/<group>/<version>/<Kind>.json`) */
  public validate(schemaFile: string, object: unknown): CelResult {
    const root = this.tree(schemaFile);
    const evaluation = new Evaluation(object);
    if (root.watched && object !== null && typeof object === 'object') evaluation.visit(root, object, '', false, true);
    return { violations: evaluation.violations, unchecked: evaluation.unchecked };
  }

  private tree(file: string): SchemaNode {
    let tree = this.trees.get(file);
    if (!tree) this.trees.set(file, (tree = buildSchemaTree(file, this.readSchema)));
    return tree;
  }
}
