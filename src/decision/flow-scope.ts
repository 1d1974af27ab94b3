// The variables a flow's CEL can read, with their CEL types: built-ins, event variables, feature and graph values,
// and every node's outputs (and those of its sub-flows). Names must be CEL identifiers and mean one thing.
import { show, type FlowProblem } from './flow-problem.js';
import { isRecord } from './json-shape.js';
import type { FlowDocument, FlowNode, ReaderName } from './flow-types.js';
import { matrixOutputType } from './nodes/decision-matrix-node.js';
import { modelOutputs } from './nodes/model-node.js';
import { readerAlias } from './nodes/routing-nodes.js';

/**
 * Always declared. `app` is the application event's data; `value` is a table cell's column value; `time_ms` is the
 * decision time (ms since the epoch; the event time in a backtest).
 */
export const BUILTIN_VARIABLES: Readonly<Record<string, string>> = {
  app: 'map',
  value: 'dyn',
  points: 'double',
  rejected: 'bool',
  reviewed: 'bool',
  tags: 'list<string>',
  list_hits: 'list<string>',
  time_ms: 'double',
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let',
  'loop', 'package', 'namespace', 'return', 'var', 'void', 'while', 'cel', 'has', 'dyn', 'int', 'uint', 'double',
  'string', 'bool', 'bytes', 'list', 'map', 'type', 'null_type',
]);

export interface FlowScope {
  readonly declarations: Record<string, string>;
  /** Event variables: name and path inside the event data. */
  readonly eventVariables: { readonly name: string; readonly path: readonly string[] }[];
  /** Reader name and the variable it lands in. */
  readonly features: { readonly name: string; readonly as: string }[];
  readonly graph: { readonly name: string; readonly as: string }[];
}

export interface ChildScope {
  readonly declarations: Readonly<Record<string, string>>;
  readonly eventVariables: FlowScope['eventVariables'];
  readonly features: FlowScope['features'];
  readonly graph: FlowScope['graph'];
}

export function buildScope(
  doc: FlowDocument, children: readonly ChildScope[], problems: FlowProblem[], knownType: (type: unknown) => boolean,
): FlowScope {
  const declarations: Record<string, string> = { ...BUILTIN_VARIABLES };
  const owner: Record<string, string> = Object.fromEntries(Object.keys(BUILTIN_VARIABLES).map((k) => [k, 'built-in']));
  const scope: FlowScope = { declarations, eventVariables: [], features: [], graph: [] };

  /** Declares a name; true when newly declared. The same output from nodes on different branches is fine. */
  const declare = (name: unknown, type: unknown, by: string, node?: string): name is string => {
    if (typeof name !== 'string' || !IDENTIFIER.test(name) || RESERVED.has(name)) {
      problems.push({ code: 'FLOW_VARIABLE_INVALID', message: `"${show(name)}" (${by}) is not a usable variable name`, node, details: { variable: name } });
      return false;
    }
    // An unknown type would make every expression of the flow fail to compile: reported here, declared dyn.
    if (!knownType(type)) {
      problems.push({ code: 'FLOW_VARIABLE_INVALID', message: `"${name}" (${by}) has an unknown type "${show(type)}"`, node, details: { variable: name, type } });
      type = 'dyn';
    }
    const existing = Object.hasOwn(declarations, name) ? declarations[name] : undefined;
    if (existing === undefined) {
      declarations[name] = type as string;
      owner[name] = by;
      return true;
    }
    const fromNodes = by.includes('node "') && owner[name].includes('node "');
    if (existing !== type || !fromNodes) {
      problems.push({
        code: 'FLOW_VARIABLE_CONFLICT',
        message: `"${name}" is declared by ${owner[name]} and again by ${by}`,
        node,
        details: { variable: name },
      });
    }
    return false;
  };

  if (doc.variables !== undefined && !isRecord(doc.variables)) {
    problems.push({ code: 'FLOW_VARIABLE_INVALID', message: '`variables` maps names to {path, type}', path: 'variables' });
  }
  for (const [name, spec] of Object.entries(isRecord(doc.variables) ? doc.variables : {})) {
    if (typeof spec?.path !== 'string' || spec.path === '') {
      problems.push({ code: 'FLOW_VARIABLE_INVALID', message: `variable "${name}" needs a path into the application`, details: { variable: name } });
      continue;
    }
    if (declare(name, spec.type ?? 'double', 'variables')) scope.eventVariables.push({ name, path: spec.path.split('.') });
  }

  // Nodes without an id have been reported by the graph check; what they would declare is unknowable.
  for (const node of Array.isArray(doc.nodes) ? doc.nodes : []) {
    if (typeof node?.id !== 'string') continue;
    const by = `node "${node.id}"`;
    if (node.kind === 'features' || node.kind === 'graph') {
      if (!Array.isArray(node.names)) {
        problems.push({ code: 'FLOW_NODE_INVALID', message: 'names must be a list', node: node.id, path: 'names' });
        continue;
      }
      node.names.forEach((n: ReaderName, i: number) => {
        const alias = readerAlias(n);
        if (!alias) {
          problems.push({ code: 'FLOW_NODE_INVALID', message: `names[${i}]: a name is a string or {name, as}`, node: node.id, path: `names[${i}]` });
        } else if (declare(alias.as, 'double', `${node.kind} ${by}`, node.id)) {
          (node.kind === 'features' ? scope.features : scope.graph).push(alias);
        }
      });
      continue;
    }
    for (const out of nodeOutputs(node)) declare(out.name, out.type, by, node.id);
  }

  for (const child of children) {
    for (const [name, type] of Object.entries(child.declarations)) {
      if (BUILTIN_VARIABLES[name] !== undefined) continue;
      if (!Object.hasOwn(declarations, name)) declarations[name] = type;
      else if (declarations[name] !== type) {
        problems.push({ code: 'FLOW_VARIABLE_CONFLICT', message: `"${name}" is ${declarations[name]} here but ${type} in a sub-flow`, details: { variable: name } });
      }
    }
    mergeUnique(scope.eventVariables, child.eventVariables, (v) => v.name);
    mergeUnique(scope.features, child.features, (v) => v.as);
    mergeUnique(scope.graph, child.graph, (v) => v.as);
  }
  return scope;
}

/**
 * The variables a node sets as it runs, with their declared types (names and types as authored, unchecked). Reader
 * nodes (features, graph) declare values read before the flow runs, not outputs.
 */
export function nodeOutputs(node: FlowNode): { readonly name: unknown; readonly type: unknown }[] {
  switch (node.kind) {
    case 'rules':
      return (Array.isArray(node.rules) ? node.rules : [])
        .filter((rule) => rule?.action?.type === 'set')
        .map((rule) => {
          const action = rule.action as { variable: unknown; valueType?: unknown };
          return { name: action.variable, type: action.valueType ?? 'dyn' };
        });
    case 'table':
      return Object.entries(isRecord(node.outputs) ? node.outputs : {}).map(([name, type]) => ({
        name,
        type: node.hitPolicy === 'collect' && typeof type === 'string' ? `list<${type}>` : type,
      }));
    case 'matrix':
      return [{ name: node.output, type: matrixOutputType(node) }];
    case 'scorecard':
      return [{ name: node.output, type: 'double' }];
    case 'model':
      return modelOutputs(node).map((name) => ({ name, type: 'double' }));
    case 'subflow':
      return [{ name: `${node.id}_outcome`, type: 'string' }];
    default:
      return [];
  }
}

function mergeUnique<T>(into: T[], from: readonly T[], key: (t: T) => string): void {
  const have = new Set(into.map(key));
  for (const item of from) if (!have.has(key(item))) into.push(item);
}
