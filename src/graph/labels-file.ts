// Labels from outside the event log (a fraud team's confirmed cases, a bureau's defaults): a CSV or NDJSON file of
// (entityType, key, label). CSV: header "entityType,key,label"; NDJSON: {"entityType", "key", "label"} per line.
// Problems are collected for the whole file and reported at once.

import { readFileSync } from 'node:fs';
import { RiskError } from '../core/index.js';
import { Flag, NODE_TYPE_NAMES } from './node-kinds.js';

export interface LabelEntry {
  readonly entityType: string;
  readonly key: string;
  readonly label: LabelName;
}

export const LABEL_FLAGS = { fraud: Flag.fraud, defaulted: Flag.defaulted, blacklisted: Flag.blacklisted, good: Flag.good } as const;
export type LabelName = keyof typeof LABEL_FLAGS;

export function parseLabels(text: string, source = 'labels'): LabelEntry[] {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const ndjson = lines.length > 0 && lines[0].startsWith('{');
  const rows = ndjson ? lines : lines.slice(1);
  const entries: LabelEntry[] = [];
  const problems: string[] = [];
  rows.forEach((line, i) => {
    const lineNo = ndjson ? i + 1 : i + 2;
    let raw: Record<string, unknown>;
    try {
      raw = ndjson ? (JSON.parse(line) as Record<string, unknown>) : csvRow(line);
    } catch {
      problems.push(`line ${lineNo}: not valid JSON`);
      return;
    }
    const { entityType, key, label } = raw;
    if (typeof entityType !== 'string' || !(NODE_TYPE_NAMES as readonly string[]).includes(entityType)) {
      problems.push(`line ${lineNo}: entityType must be one of ${NODE_TYPE_NAMES.join(', ')}`);
    } else if (typeof key !== 'string' || key === '') {
      problems.push(`line ${lineNo}: key is missing`);
    } else if (typeof label !== 'string' || !(label in LABEL_FLAGS)) {
      problems.push(`line ${lineNo}: label must be one of ${Object.keys(LABEL_FLAGS).join(', ')}`);
    } else {
      entries.push({ entityType, key, label: label as LabelName });
    }
  });
  if (problems.length > 0) {
    throw new RiskError('GRAPH_LABELS_INVALID', `${problems.length} problem(s) in ${source}`, { problems: problems.slice(0, 100) });
  }
  return entries;
}

export function readLabelsFile(path: string): LabelEntry[] {
  return parseLabels(readFileSync(path, 'utf8'), path);
}

function csvRow(line: string): Record<string, unknown> {
  const [entityType, key, label] = line.split(',').map((s) => s.trim());
  return { entityType, key, label };
}
