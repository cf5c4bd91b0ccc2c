import { ApiObject, ApiObjectProps, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * The ApiObject every construct of ours emits: rendered as cdk8s's `ApiObject.toJson()` renders
 * it (the same resolvers, sanitizing, key order and patches), in one pass. cdk8s's own resolve
 * looks the app up and copies a key path for every value of every object, which is most of a
 * large synth. An app with resolvers of its own gets cdk8s's rendering unchanged.
 * @internal
 */
export class EmittedObject extends ApiObject {
  private readonly fields: ApiObjectProps;
  private readonly jsonPatches: JsonPatch[] = [];

  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    this.fields = props;
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    this.jsonPatches.push(...ops);
  }

  public toJson(): any {
    if (!onlyBuiltInResolvers(App.of(this).resolvers)) return super.toJson();
    try {
      const sortKeys = !process.env.CDK8S_DISABLE_SORT;
      const json = render({ ...this.fields, metadata: this.metadata.toJson() }, sortKeys);
      const patched = JsonPatch.apply(json, ...this.jsonPatches);
      // apiVersion, kind and metadata first, as cdk8s orders them.
      const result: Record<string, unknown> = {};
      for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) if (k in patched) result[k] = patched[k];
      return result;
    } catch (e) {
      throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${e}`);
    }
  }
}

/** Whether the app's resolvers are exactly cdk8s's built-in ones, which {@link render} applies inline. */
function onlyBuiltInResolvers(resolvers: readonly unknown[]): boolean {
  return resolvers.length === 3 && resolvers[0] instanceof LazyResolver && resolvers[1] instanceof ImplicitTokenResolver && resolvers[2] instanceof NumberStringUnionResolver;
}

/**
 * cdk8s's `sanitizeValue(resolve([], value, obj), { sortKeys })` with its built-in resolvers:
 * a Lazy is produced, an implicit token resolved, a number-or-string union becomes `{ value }`
 * (each result resolved again); then nulls are dropped from objects, keys sorted, and anything
 * but plain objects, arrays and scalars is an error.
 */
function render(input: any, sortKeys: boolean): any {
  let value = input;
  for (;;) {
    if (value === null || value === undefined) return undefined;
    if (value instanceof Lazy) value = value.produce();
    else if (typeof value.resolve === 'function') value = value.resolve();
    else if (value.constructor !== Object && (typeof value.value === 'number' || typeof value.value === 'string')) value = { value: value.value };
    else break;
  }
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((x) => render(x, sortKeys));
  if (value.constructor.name !== 'Object') throw new Error(`can't render non-simple object of type '${value.constructor.name}'`);
  const out: Record<string, unknown> = {};
  const keys = sortKeys ? Object.keys(value).sort() : Object.keys(value);
  for (const k of keys) {
    const v = render(value[k], sortKeys);
    if (v !== null && v !== undefined) out[k] = v;
  }
  return out;
}
