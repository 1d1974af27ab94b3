// What kind of value a table column, matrix axis or scorecard characteristic holds, when that can be known before
// any decision: from the CEL type of its expression, or, for a plain path into the application (`app.channel`, which
// CEL types dyn because `app` is a map), from the ingest schema every application was validated against. Cells are
// checked against it: a range on a string column can never match.
import type { TSchema } from '@sinclair/typebox';
import type { CompiledExpression } from '../expression/index.js';
import { ApplicationSubmitted } from '../ingest/index.js';

export type ValueKind = 'number' | 'string' | 'bool';

const BY_CEL_TYPE: Readonly<Record<string, ValueKind>> = { double: 'number', int: 'number', uint: 'number', string: 'string', bool: 'bool' };
const APP_PATH = /^\s*app((?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)+)\s*$/;

/** The kind of value the expression yields, or undefined when it may be any (dyn, lists, maps, unknown paths). */
export function valueKind(expr: CompiledExpression): ValueKind | undefined {
  const byType = BY_CEL_TYPE[expr.type];
  if (byType !== undefined || expr.type !== 'dyn') return byType;
  const path = APP_PATH.exec(expr.source);
  return path ? applicationFieldKind(path[1].split('.').map((s) => s.trim()).filter((s) => s !== '')) : undefined;
}

function applicationFieldKind(path: readonly string[]): ValueKind | undefined {
  let schema: TSchema | undefined = ApplicationSubmitted;
  for (const key of path) {
    const properties: Record<string, TSchema> | undefined = schema?.type === 'object' ? schema.properties : undefined;
    schema = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
  }
  return schema ? schemaKind(schema) : undefined;
}

function schemaKind(schema: TSchema): ValueKind | undefined {
  if (schema.type === 'string') return 'string';
  if (schema.type === 'number' || schema.type === 'integer') return 'number';
  if (schema.type === 'boolean') return 'bool';
  const options = schema.anyOf as TSchema[] | undefined;
  const kinds = new Set(options?.map(schemaKind));
  return kinds.size === 1 ? [...kinds][0] : undefined;
}
