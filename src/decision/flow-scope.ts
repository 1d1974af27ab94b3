// The variables a flow's CEL can read, with their CEL types: built-ins, event variables, feature and graph values,
// and every node's outputs (and those of its sub-flows). Names must be CEL identifiers and mean one thing.
import type { FlowProblem } from './flow-problem.js';
import type { FlowDocument } from './flow-types.js';
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

export function buildScope(doc: FlowDocument, children: readonly ChildScope[], problems: FlowProblem[]): FlowScope {
  const declarations: Record<string, string> = { ...BUILTIN_VARIABLES };
  const owner: Record<string, string> = Object.fromEntries(Object.keys(BUILTIN_VARIABLES).map((k) => [k, 'built-in']));
  const scope: FlowScope = { declarations, eventVariables: [], features: [], graph: [] };

  /** Declares a name; true when newly declared. The same output from nodes on different branches is fine. */
  const declare = (name: string, type: string, by: string, node?: string): boolean => {
    if (typeof name !== 'string' || !IDENTIFIER.test(name) || RESERVED.has(name)) {
      problems.push({ code: 'FLOW_VARIABLE_INVALID', message: `"${name}" (${by}) is not a usable variable name`, node, details: { variable: name } });
      return false;
    }
    const existing = declarations[name];
    if (existing === undefined) {
      declarations[name] = type;
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

  for (const [name, spec] of Object.entries(doc.variables ?? {})) {
    if (typeof spec?.path !== 'string' || spec.path === '') {
      problems.push({ code: 'FLOW_VARIABLE_INVALID', message: `variable "${name}" needs a path into the application`, details: { variable: name } });
      continue;
    }
    if (declare(name, spec.type ?? 'double', 'variables')) scope.eventVariables.push({ name, path: spec.path.split('.') });
  }

  for (const node of Array.isArray(doc.nodes) ? doc.nodes : []) {
    const by = `node "${node?.id}"`;
    switch (node?.kind) {
      case 'features':
      case 'graph':
        if (!Array.isArray(node.names)) {
          problems.push({ code: 'FLOW_NODE_INVALID', message: 'names must be a list', node: node.id, path: 'names' });
          break;
        }
        for (const n of node.names) {
          const alias = readerAlias(n);
          if (declare(alias.as, 'double', `${node.kind} ${by}`, node.id)) (node.kind === 'features' ? scope.features : scope.graph).push(alias);
        }
        break;
      case 'rules':
        for (const rule of Array.isArray(node.rules) ? node.rules : []) {
          if (rule?.action?.type === 'set') declare(rule.action.variable, rule.action.valueType ?? 'dyn', by, node.id);
        }
        break;
      case 'table':
        for (const [name, type] of Object.entries(node.outputs ?? {}) as [string, string][]) {
          declare(name, node.hitPolicy === 'collect' ? `list<${type}>` : type, by, node.id);
        }
        break;
      case 'matrix':
        declare(node.output as string, matrixOutputType(node), by, node.id);
        break;
      case 'scorecard':
        declare(node.output, 'double', by, node.id);
        break;
      case 'model':
        for (const name of modelOutputs(node)) declare(name, 'double', by, node.id);
        break;
      case 'subflow':
        declare(`${node.id}_outcome`, 'string', by, node.id);
        break;
      default:
        break;
    }
  }

  for (const child of children) {
    for (const [name, type] of Object.entries(child.declarations)) {
      if (BUILTIN_VARIABLES[name] !== undefined) continue;
      if (declarations[name] === undefined) declarations[name] = type;
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

function mergeUnique<T>(into: T[], from: readonly T[], key: (t: T) => string): void {
  const have = new Set(into.map(key));
  for (const item of from) if (!have.has(key(item))) into.push(item);
}
