import * as protobuf from 'protobufjs';
import { isObject, Json, JsonObject } from './stable-json';

/** The key under which a parsed `.proto` file travels as an input document. */
const PROTO_KEY = '$protobuf';

/** A `.proto` file as an input document: protobufjs's JSON descriptor of it (comments left out). */
export function parseProto(text: string, file: string): JsonObject {
  try {
    const { root } = protobuf.parse(text, new protobuf.Root(), { keepCase: true });
    return { [PROTO_KEY]: root.toJSON() as unknown as JsonObject };
  } catch (e) {
    throw new Error(`${file}: invalid proto: ${(e as Error).message}`);
  }
}

export function isProtoDocument(doc: Json): doc is JsonObject {
  return isObject(doc) && isObject(doc[PROTO_KEY]);
}

/** Which of the messages `names` (full names) the parsed `.proto` file defines. */
export function messagesIn(doc: JsonObject, names: readonly string[]): string[] {
  const root = protoRoot([doc]);
  return names.filter((name) => root.lookup(name) instanceof protobuf.Type);
}

/** One protobuf namespace of every parsed file, so that a message may use the types of another file. */
export function protoRoot(docs: readonly JsonObject[]): protobuf.Root {
  const root = new protobuf.Root();
  for (const doc of docs) root.addJSON(((doc[PROTO_KEY] as JsonObject).nested ?? {}) as Record<string, protobuf.AnyNestedObject>);
  return root;
}

/**
 * The JSON schema (draft-07) of a message in protobuf's JSON mapping, the form protojson and
 * kfp read and write: fields by their json_name (lowerCamelCase), enums by value name or number,
 * repeated fields as arrays, maps as objects, at most one member of a oneof, 64-bit integers as
 * numbers or decimal strings, the well-known types as their JSON forms; other keys are unknown
 * fields (protojson rejects them). The message is the root; every message it uses is a
 * definition named by its full name (`ml_pipelines.ComponentSpec`).
 */
export function messageSchema(root: protobuf.Root, fullName: string): JsonObject {
  const definitions: Record<string, JsonObject> = {};
  const pending: protobuf.Type[] = [];
  const refTo = (type: protobuf.Type): JsonObject => {
    const name = nameOf(type);
    if (name === fullName) return { $ref: '#' };
    if (!(name in definitions)) {
      definitions[name] = {}; // reserved: a message may use itself
      pending.push(type);
    }
    return { $ref: `#/definitions/${name}` };
  };
  const schema = messageBody(root.lookupType(fullName), refTo);
  for (let type = pending.shift(); type; type = pending.shift()) definitions[nameOf(type)] = messageBody(type, refTo);
  const names = Object.keys(definitions).sort();
  return names.length === 0 ? schema : { ...schema, definitions: Object.fromEntries(names.map((n) => [n, definitions[n]])) };
}

function messageBody(type: protobuf.Type, refTo: (t: protobuf.Type) => JsonObject): JsonObject {
  const properties: JsonObject = {};
  for (const field of type.fieldsArray) properties[jsonName(field)] = fieldSchema(type, field, refTo);
  // A oneof takes at most one of its members (proto3 `optional` fields are oneofs of one).
  const oneofs = type.oneofsArray.map((o) => o.fieldsArray.map(jsonName)).filter((members) => members.length > 1);
  const atMostOne = oneofs.map((members): JsonObject => ({
    not: { anyOf: members.flatMap((a, i) => members.slice(i + 1).map((b) => ({ required: [a, b] }))) },
  }));
  return {
    type: 'object',
    properties,
    additionalProperties: false,
    ...(atMostOne.length === 1 ? atMostOne[0] : atMostOne.length > 1 ? { allOf: atMostOne } : {}),
  };
}

function fieldSchema(type: protobuf.Type, field: protobuf.Field, refTo: (t: protobuf.Type) => JsonObject): JsonObject {
  const value = valueSchema(type, field, refTo);
  if (field.map) return { type: 'object', additionalProperties: value }; // JSON keys are strings, whatever the key type
  if (field.repeated) return { type: 'array', items: value };
  return value;
}

function valueSchema(type: protobuf.Type, field: protobuf.Field, refTo: (t: protobuf.Type) => JsonObject): JsonObject {
  const known = WELL_KNOWN[field.type.replace(/^\./, '')] ?? SCALARS[field.type];
  if (known) return known;
  let resolved: protobuf.Type | protobuf.Enum;
  try {
    // A lookup in the message's scope, as protoc resolves names (Field.resolve would resolve every field of the file).
    resolved = type.lookupTypeOrEnum(field.type);
  } catch {
    throw new Error(`${nameOf(type)}.${field.name}: unknown type ${field.type} (give the .proto file that defines it as an input too)`);
  }
  if (resolved instanceof protobuf.Enum) return { anyOf: [{ enum: Object.keys(resolved.values) }, INT32] };
  return refTo(resolved);
}

/** protoc's json_name: the `json_name` option, else the name without underscores, each letter after one upper-cased. */
export function jsonName(field: protobuf.Field): string {
  const explicit = field.options?.json_name;
  if (typeof explicit === 'string') return explicit;
  return field.name.replace(/_+(.?)/g, (_, next: string) => next.toUpperCase());
}

function nameOf(type: protobuf.ReflectionObject): string {
  return type.fullName.replace(/^\./, '');
}

const INT32: JsonObject = { type: 'integer', minimum: -2147483648, maximum: 2147483647 };
const UINT32: JsonObject = { type: 'integer', minimum: 0, maximum: 4294967295 };
/** 64-bit integers: JSON numbers, or decimal strings (protojson writes strings, so no precision is lost). */
const INT64: JsonObject = { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^-?[0-9]+$' }] };
const UINT64: JsonObject = { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^[0-9]+$' }] };

const SCALARS: Record<string, JsonObject> = {
  double: { type: 'number' }, float: { type: 'number' },
  int32: INT32, sint32: INT32, sfixed32: INT32, uint32: UINT32, fixed32: UINT32,
  int64: INT64, sint64: INT64, sfixed64: INT64, uint64: UINT64, fixed64: UINT64,
  bool: { type: 'boolean' }, string: { type: 'string' }, bytes: { type: 'string' }, // bytes: base64
};

/** The well-known types, which have JSON forms of their own. */
const WELL_KNOWN: Record<string, JsonObject> = {
  'google.protobuf.Struct': { type: 'object' },
  'google.protobuf.Value': {},
  'google.protobuf.ListValue': { type: 'array' },
  'google.protobuf.NullValue': { type: 'null' },
  'google.protobuf.Duration': { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]{1,9})?s$' }, // "3600s", "0.5s"
  'google.protobuf.Timestamp': { type: 'string', format: 'date-time' }, // RFC 3339
  'google.protobuf.FieldMask': { type: 'string' },
  'google.protobuf.Empty': { type: 'object', maxProperties: 0 },
  'google.protobuf.Any': { type: 'object', properties: { '@type': { type: 'string' } }, required: ['@type'], additionalProperties: true },
  'google.protobuf.DoubleValue': { type: 'number' },
  'google.protobuf.FloatValue': { type: 'number' },
  'google.protobuf.Int64Value': INT64,
  'google.protobuf.UInt64Value': UINT64,
  'google.protobuf.Int32Value': INT32,
  'google.protobuf.UInt32Value': UINT32,
  'google.protobuf.BoolValue': { type: 'boolean' },
  'google.protobuf.StringValue': { type: 'string' },
  'google.protobuf.BytesValue': { type: 'string' },
};
