// Flow documents as text: JSON, or YAML for the people who write rules by hand (comments, no quotes, multi-line CEL).
// Either way the result is the same plain JSON value, validated like any other flow. YAML is read with the YAML 1.2
// core schema (strings, numbers, booleans, null, lists, maps; any other tag is an error, not an object), with
// duplicate keys an error and aliases capped, so a small document cannot expand into a huge one.
import { parseDocument, stringify as stringifyYaml, YAMLError } from 'yaml';
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
  try {
    const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true, logLevel: 'silent' });
    // Warnings too: an unknown tag (!!js/function) would otherwise be dropped and its value kept as a string.
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem) throw problem;
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    const at = err instanceof YAMLError && err.linePos ? { line: err.linePos[0].line, column: err.linePos[0].col } : {};
    throw new RiskError('FLOW_DOCUMENT_UNREADABLE', `not a YAML flow document: ${(err as Error).message.split('\n')[0]}`, { format, ...at });
  }
}

/** A flow document as text in the given format (YAML keeps CEL strings readable: no escaped quotes). */
export function flowText(doc: unknown, format: FlowTextFormat): string {
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringifyYaml(doc, { lineWidth: 0 });
}
