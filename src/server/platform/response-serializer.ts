import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * How responses become JSON.
 *
 * fastify-type-provider-zod's serializer checks every response against its zod schema, then calls
 * JSON.stringify. Measured under the list benchmarks (bench/guichet.ts backlog, bench/fleet-queries.ts,
 * 25 items a page) that check was the largest single cost of a request in the server process. So:
 *
 * - 'compiled' (production, main.ts): the route's response schema, turned into JSON Schema by zod
 *   itself, compiled once by fast-json-stringify (Fastify's own serializer). It writes only the
 *   properties the schema declares (as zod's check strips the others) and throws when a required
 *   one is missing, but it does not check types.
 * - 'checked' (the default, hence tests): zod checks and writes the response, as before, so a
 *   response that does not match its schema fails loudly; and the compiled serializer writes it
 *   too and must give the same JSON, so that every test also proves what production sends.
 *
 * A schema zod cannot express in JSON Schema (transforms…) keeps the zod serializer in both modes.
 */
export type ResponseSerialization = 'compiled' | 'checked';

type ZodSchema = z.ZodType;
type Serialize = (data: unknown) => string;

export function responseSerializerCompiler(mode: ResponseSerialization): FastifySerializerCompiler<ZodSchema | { properties: ZodSchema }> {
  return (route) => {
    const viaZod = zodSerializerCompiler(route) as Serialize;
    const schema = resolve(route.schema);
    if (mode === 'compiled') {
      // compiled at the first response, not at startup: most routes × status codes never answer
      let serialize: Serialize | undefined;
      return (data) => (serialize ??= compiledFor(schema) ?? viaZod)(data);
    }
    return (data) => {
      const expected = viaZod(data);
      const compiled = compiledFor(schema);
      if (!compiled) return expected;
      const written = compiled(data);
      if (written !== expected && !isDeepStrictEqual(JSON.parse(written), JSON.parse(expected))) {
        throw new Error(`${route.method} ${route.url} : le sérialiseur compilé écrit ${written.slice(0, 2000)} au lieu de ${expected.slice(0, 2000)}`);
      }
      return expected;
    };
  };
}

function resolve(schema: ZodSchema | { properties: ZodSchema }): ZodSchema {
  return schema instanceof z.ZodType ? schema : schema.properties;
}

/** One compilation per schema: the error schema, for one, is shared by every route. */
const compiledSchemas = new WeakMap<ZodSchema, Serialize | null>();

function compiledFor(schema: ZodSchema): Serialize | null {
  let compiled = compiledSchemas.get(schema);
  if (compiled === undefined) {
    compiled = compileSchema(schema);
    compiledSchemas.set(schema, compiled);
  }
  return compiled;
}

function compileSchema(schema: ZodSchema): Serialize | null {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' }) as Record<string, unknown>;
  } catch {
    return null;
  }
  delete json.$schema;
  return fastJson(simplifyNullable(json) as Parameters<typeof fastJson>[0]) as Serialize;
}

/**
 * zod writes « X or null » as anyOf [X, null]; fast-json-stringify picks an anyOf branch by
 * validating the value against each one (ajv, per value), while a list of types costs one typeof.
 */
function simplifyNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplifyNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = simplifyNullable(value);
  const anyOf = out.anyOf as Record<string, unknown>[] | undefined;
  if (Array.isArray(anyOf) && anyOf.length === 2 && Object.keys(out).every((k) => k === 'anyOf' || k === 'description')) {
    const nullIndex = anyOf.findIndex((b) => b.type === 'null' && Object.keys(b).length === 1);
    const other = anyOf[1 - nullIndex];
    if (nullIndex >= 0 && typeof other.type === 'string' && other.type !== 'null' && !('anyOf' in other) && !('oneOf' in other) && !('allOf' in other)) {
      const { anyOf: _anyOf, ...rest } = out;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}
