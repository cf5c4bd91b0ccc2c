import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext } from 'cdk8s';
import { buildApp as mxnetExample } from '../../examples/mxnet/main';
import { buildApp as pipelinesExample } from '../../examples/pipelines/main';
import { buildApp as servingExample } from '../../examples/serving/main';
import { buildApp as trainingExample } from '../../examples/training/main';
import { buildApp as tuningExample } from '../../examples/tuning/main';
import { buildApp as defaultStacks } from '../../stacks/main';
import { buildEveryKindApp } from '../../test/every-kind';
import { EmittedObject } from './emitted-object';

// EmittedObject renders exactly what cdk8s's ApiObject.toJson renders (same bytes, key order
// included) for every object our constructs emit, and for values that exercise each resolver.

// By constructor: cdk8s answers `instanceof` for ApiObject subclasses by duck typing.
const emitted = (app: App) => app.node.findAll().filter((c): c is EmittedObject => c.constructor === EmittedObject);
const cdk8sJson = (o: ApiObject) => JSON.stringify(ApiObject.prototype.toJson.call(o));

describe('EmittedObject', () => {
  test.each<[string, () => App]>([
    ['the every-kind app', buildEveryKindApp],
    ['the default stacks', defaultStacks],
    ['examples/training', trainingExample],
    ['examples/tuning', tuningExample],
    ['examples/serving', () => servingExample(1)],
    ['examples/pipelines', pipelinesExample],
    ['examples/mxnet', mxnetExample],
  ])('renders %s as cdk8s does', (_name, build) => {
    const objects = emitted(build());
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect([o.node.path, JSON.stringify(o.toJson())]).toEqual([o.node.path, cdk8sJson(o)]);
  });

  test('resolves Lazy values, implicit tokens and number-or-string unions, drops nulls, sorts keys and applies patches, as cdk8s does', () => {
    const chart = new Chart(new App(), 'c');
    const union = new (class Quantity { constructor(public readonly value: string) {} })('1Gi');
    const o = new EmittedObject(chart, 'o', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { b: '1', a: '2' } },
      data: { z: 'last', a: Lazy.any({ produce: () => Lazy.any({ produce: () => 'nested' }) }), n: null, u: undefined },
      spec: { token: { resolve: () => ({ done: true, list: [null, 1, { resolve: () => 'r' }] }) }, size: union, items: [Lazy.any({ produce: () => ({ k: 'v' }) })] },
    } as never);
    o.addJsonPatch(JsonPatch.add('/data/added', 'yes'), JsonPatch.remove('/data/z'));
    expect(JSON.stringify(o.toJson())).toBe(cdk8sJson(o));
    expect(o.toJson().spec.size).toEqual({ value: '1Gi' });
  });

  test('an app with resolvers of its own gets cdk8s\'s rendering, which calls them', () => {
    const upper: IResolver = { resolve: (ctx: ResolutionContext) => { if (typeof ctx.value === 'string' && ctx.value.startsWith('up:')) ctx.replaceValue(ctx.value.slice(3).toUpperCase()); } };
    const chart = new Chart(new App({ resolvers: [upper] }), 'c');
    const o = new EmittedObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'up:value' } } as never);
    expect(o.toJson().data).toEqual({ a: 'VALUE' });
  });

  test('a value that is not plain data is an error naming the construct, as cdk8s\'s', () => {
    const chart = new Chart(new App(), 'c');
    const o = new EmittedObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { when: new Date(0) } } as never);
    expect(() => o.toJson()).toThrow("Failed serializing construct at path 'c/o' with name 'x': Error: can't render non-simple object of type 'Date'");
  });
});
