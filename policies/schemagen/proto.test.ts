import { newAjv } from '../schema-compiler';
import { describeErrors } from '../schema-errors';
import { prepareSchema } from '../strict-schema';
import { generateSchemas } from './generate';
import { parseInputText } from './parse-input';
import { messageSchema, parseProto, protoRoot } from './proto';
import { JsonObject } from './stable-json';

// The JSON schema of protobuf's JSON mapping, from small protos: what protojson (and kfp) read.

const PROTO = `
syntax = "proto3";
package demo.v1;

import "google/protobuf/duration.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/any.proto";

// A comment that must not reach the schema.
message Job {
  string display_name = 1;            // displayName
  int32 max_retry_count = 2;
  int64 big_count = 3;
  uint32 small = 4;
  double ratio = 5;
  bool enabled = 6;
  repeated string tags = 7;
  map<string, Step> steps = 8;
  Mode mode = 9;
  Step.Kind kind = 10;
  oneof source {
    string uri = 11;
    Inline inline = 12;
    string reference = 13;
  }
  google.protobuf.Struct config = 14;
  google.protobuf.Value default_value = 15;
  google.protobuf.ListValue items = 16;
  google.protobuf.Duration timeout = 17;
  google.protobuf.Timestamp created = 18;
  google.protobuf.Any extension = 19;
  string renamed = 20 [json_name = "otherName"];
  optional string note = 21;
  Job parent = 22;
  string x_1y = 23;
  message Inline { string text = 1; }
}

message Step {
  enum Kind { KIND_UNSPECIFIED = 0; CONTAINER = 1; IMPORTER = 2; }
  string name = 1;
}

enum Mode { MODE_UNSPECIFIED = 0; FAST = 1; }
`;

const root = protoRoot([parseProto(PROTO, 'demo.proto')]);
const schema = messageSchema(root, 'demo.v1.Job');
const validate = newAjv().compile(prepareSchema(schema));
/** `path: message` of each problem with `value`, as validate reports them. */
const problems = (value: unknown) => (validate(value) ? [] : describeErrors(validate.errors!, value).map((i) => `${i.pointer || '/'}: ${i.message}${i.fix ? ` (${i.fix})` : ''}`));

describe('messageSchema', () => {
  test('names fields by their JSON name, and keeps no comment', () => {
    expect(Object.keys(schema.properties as JsonObject).sort()).toEqual([
      'bigCount', 'config', 'created', 'defaultValue', 'displayName', 'enabled', 'extension', 'inline', 'items', 'kind', 'maxRetryCount', 'mode',
      'note', 'otherName', 'parent', 'ratio', 'reference', 'small', 'steps', 'tags', 'timeout', 'uri', 'x1y',
    ]);
    expect(JSON.stringify(schema)).not.toMatch(/comment|displayName"\s*:\s*\{"description/);
    expect(schema.additionalProperties).toBe(false);
  });

  test('other messages are definitions by full name; a message that holds itself refers to the root', () => {
    expect(Object.keys(schema.definitions as JsonObject)).toEqual(['demo.v1.Job.Inline', 'demo.v1.Step']);
    expect((schema.properties as JsonObject).steps).toEqual({ type: 'object', additionalProperties: { $ref: '#/definitions/demo.v1.Step' } });
    expect((schema.properties as JsonObject).parent).toEqual({ $ref: '#' });
  });

  test('accepts what protojson writes', () => {
    expect(problems({
      displayName: 'a', maxRetryCount: 3, bigCount: '9007199254740993', small: 4, ratio: 0.5, enabled: true, tags: ['x'], steps: { s: { name: 'n' } },
      mode: 'FAST', kind: 'IMPORTER', uri: 's3://b', config: { any: ['thing'] }, defaultValue: [1, 'a'], items: [1, null], timeout: '3600s',
      created: '2026-01-01T00:00:00Z', extension: { '@type': 'type.googleapis.com/x', y: 1 }, otherName: 'r', note: 'n', parent: { displayName: 'p' }, x1y: 'z',
    })).toEqual([]);
    expect(problems({ bigCount: 12, mode: 1, kind: 2, timeout: '0.5s', defaultValue: 'text' })).toEqual([]); // int64 as a number, enums as numbers
  });

  test('rejects unknown fields, wrong types, enum values a message does not have, and malformed well-known types', () => {
    expect(problems({ displayname: 'a' })).toEqual(['/displayname: unknown field "displayname" (did you mean "displayName"?)']);
    expect(problems({ display_name: 'a' })).toEqual(['/display_name: unknown field "display_name" (did you mean "displayName"?)']);
    expect(problems({ steps: { s: { name: 'n', image: 'x' } } })).toEqual(['/steps/s/image: unknown field "image" (remove it; known fields here: name)']);
    expect(problems({ maxRetryCount: 'three', ratio: 'half', tags: 'x', enabled: 'yes' }).sort()).toEqual([
      '/enabled: expected boolean, got string "yes"',
      '/maxRetryCount: expected integer, got string "three"',
      '/ratio: expected number, got string "half"',
      '/tags: expected array, got string "x"',
    ]);
    expect(problems({ maxRetryCount: 2 ** 31, small: -1, bigCount: '1.5' }).sort()).toEqual([
      '/bigCount: "1.5" does not match the pattern ^-?[0-9]+$',
      '/maxRetryCount: must be <= 2147483647; got 2147483648',
      '/small: must be >= 0; got -1',
    ]);
    expect(problems({ mode: 'SLOW', kind: 'CONTAINR' }).sort()).toEqual([
      '/kind: must be one of "KIND_UNSPECIFIED", "CONTAINER", "IMPORTER"; got "CONTAINR" (did you mean "CONTAINER"?)',
      '/mode: must be one of "MODE_UNSPECIFIED", "FAST"; got "SLOW"',
    ]);
    expect(problems({ timeout: '1h', created: 'yesterday', extension: { y: 1 }, config: [] }).sort()).toEqual([
      '/config: expected object, got array',
      '/created: "yesterday" is not a valid date-time',
      '/extension/@type: missing required field "@type"',
      '/timeout: "1h" does not match the pattern ^-?[0-9]+(\\.[0-9]{1,9})?s$',
    ]);
  });

  test('a oneof takes at most one of its members; a proto3 optional field is not a oneof to check', () => {
    expect(problems({ uri: 'a', inline: { text: 't' } })).toEqual(['/: sets "uri" and "inline", but only one of uri, inline, reference may be set (keep one of them: they are alternatives (a protobuf oneof), and readers of the format reject a second)']);
    expect(problems({ reference: 'r', note: 'n' })).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  test('a type no input defines is an error naming the field', () => {
    const broken = protoRoot([parseProto('syntax = "proto3"; package p; message M { other.Missing m = 1; google.rpc.Status s = 2; }', 'p.proto')]);
    expect(() => messageSchema(broken, 'p.M')).toThrow('p.M.m: unknown type other.Missing (give the .proto file that defines it as an input too)');
    // Types only other messages use need not resolve.
    expect(messageSchema(protoRoot([parseProto('syntax = "proto3"; package p; message A { string a = 1; } message B { x.Y y = 1; }', 'p.proto')]), 'p.A').properties).toEqual({ a: { type: 'string' } });
  });
});

describe('.proto inputs of the schemas command', () => {
  test('a file that is not a proto is an error naming it and the line', () => {
    expect(() => parseInputText('syntax = "proto3";\nmessage {', 'bad.proto')).toThrow("bad.proto: invalid proto: illegal type name '{' (line 2)");
  });

  test('the documents kfp writes get a schema and an index entry keyed by message; other protos a warning', () => {
    const kfp = 'syntax = "proto3"; package ml_pipelines; message PipelineSpec { PipelineInfo pipeline_info = 1; } message PipelineInfo { string name = 1; } message PlatformSpec { map<string, string> platforms = 1; }';
    const result = generateSchemas([
      ...parseInputText(kfp, 'pipelines/pipeline_spec.proto').map((value) => ({ file: 'pipelines/pipeline_spec.proto', source: 'pipelines', value })),
      ...parseInputText(PROTO, 'demo/demo.proto').map((value) => ({ file: 'demo/demo.proto', source: 'demo', value })),
    ], { sources: { pipelines: { repo: 'kubeflow/pipelines', ref: '2.17.0' } } });
    expect(result.index).toEqual({
      'ml_pipelines.PipelineSpec': { schema: 'json/ml_pipelines/PipelineSpec.json', scope: null, plural: null, crd: null, source: 'pipelines' },
      'ml_pipelines.PlatformSpec': { schema: 'json/ml_pipelines/PlatformSpec.json', scope: null, plural: null, crd: null, source: 'pipelines' },
    });
    expect(JSON.parse(result.files.get('json/ml_pipelines/PipelineSpec.json')!)).toEqual({
      additionalProperties: false, type: 'object', properties: { pipelineInfo: { $ref: '#/definitions/ml_pipelines.PipelineInfo' } },
      definitions: { 'ml_pipelines.PipelineInfo': { additionalProperties: false, type: 'object', properties: { name: { type: 'string' } } } },
    });
    expect(result.documents.map((d) => d.message)).toEqual(['ml_pipelines.PipelineSpec', 'ml_pipelines.PlatformSpec']);
    expect(result.files.get('SOURCES.md')).toContain('| ml_pipelines.PipelineSpec | json/ml_pipelines/PipelineSpec.json | pipelines |');
    expect(result.warnings).toContain('demo/demo.proto: defines none of the documents kfp writes (ml_pipelines.PipelineSpec, ml_pipelines.PlatformSpec); no schema of its own');
  });
});
