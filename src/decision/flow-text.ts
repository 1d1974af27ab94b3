// Flow documents as text: JSON, or YAML for the people who write rules by hand (comments, no quotes, multi-line CEL).
// Either way the result is the same plain JSON value, validated like any other flow. YAML is read with the YAML 1.2
// core schema, then held to what a JSON body can carry (finite numbers, strings, booleans, null, lists, maps:
// !!timestamp or .inf is an error, never a Date or Infinity), one document only, duplicate keys an error, aliases
// capped in number and in how far they expand the text.
import { parseAllDocuments, stringify as stringifyYaml, YAMLError } from 'yaml';
import { RiskError } from '../core/index.js';

export type FlowTextFormat = 'json' | 'yaml';

/** Aliases one YAML document may use (each can repeat a whole subtree: the "billion laughs" expansion). */
const MAX_YAML_ALIASES = 50;

/** The format a file name says: .yaml / .yml, else JSON. */
export function flowFormatOf(fileName: string): FlowTextFormat {
  return /\.ya?ml$/i.test(fileName) ? 'yaml' : 'json';
}

/** Parses a flow document's text; throws FLOW_DOCUMENT_UNREADABLE with the line and column of the problem. */
export function parseFlowText(text: string, format: FlowTextFormat): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new RiskError('FLOW_DOCUMENT_UNREADABLE', `not a JSON flow document: ${(err as Error).message}`, { format });
    }
  }
  let value: unknown;
  try {
    const docs = parseAllDocuments(text, { schema: 'core', uniqueKeys: true, prettyErrors: true, logLevel: 'silent' });
    if (!Array.isArray(docs) || docs.length !== 1) throw new Error(`a flow is one YAML document, not ${Array.isArray(docs) ? docs.length : 0}`);
    const doc = docs[0];
    // Warnings too: an unknown tag (!!js/function) would otherwise be dropped and its value kept as a string.
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem) throw problem;
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    const at = err instanceof YAMLError && err.linePos ? { line: err.linePos[0].line, column: err.linePos[0].col } : {};
    throw new RiskError('FLOW_DOCUMENT_UNREADABLE', `not a YAML flow document: ${(err as Error).message.split('\n')[0]}`, { format, ...at });
  }
  const unlike = notJson(value, '');
  if (unlike) throw new RiskError('FLOW_DOCUMENT_UNREADABLE', `not a YAML flow document: ${unlike}`, { format });
  // Aliases repeat subtrees: a short text may stand for a long document.
  const size = JSON.stringify(value).length;
  if (size > MAX_EXPANSION * text.length + 65_536) {
    throw new RiskError('FLOW_DOCUMENT_UNREADABLE', `not a YAML flow document: its aliases expand ${text.length} characters to ${size}`, { format });
  }
  return value;
}

/** How far aliases may expand a YAML document (its JSON length over its text's, past the first 64 KB). */
const MAX_EXPANSION = 4;

/**
 * Where a value holds something JSON cannot (what a JSON body could never carry: .inf, .nan, and the core schema's
 * !!timestamp, !!set, !!omap, !!binary, which build Dates, Sets, Maps and buffers), or undefined.
 */
function notJson(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path || 'the document'} is ${value}, not a number JSON can hold`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = notJson(value[i], `${path}[${i}]`);
      if (inner) return inner;
    }
    return undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const inner = notJson(item, path ? `${path}.${key}` : key);
      if (inner) return inner;
    }
    return undefined;
  }
  return `${path || 'the document'} is a ${(value as object)?.constructor?.name ?? typeof value}, not plain data`;
}

/** A flow document as text in the given format (YAML keeps CEL strings readable: no escaped quotes). */
export function flowText(doc: unknown, format: FlowTextFormat): string {
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringifyYaml(doc, { lineWidth: 0 });
}
