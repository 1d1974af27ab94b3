// Records every input a decision reads — feature and graph values, list hits, model versions — so the audit record
// holds the inputs as read and replay can serve exactly them again.
import type { ListEntityType } from './flow-types.js';
import type { InputValues, ListHit, ListReader } from './readers.js';

export interface RecordedInputs {
  readonly features: InputValues;
  readonly graph: InputValues;
  /** Only lookups that hit, keyed "entityType|value". */
  readonly lists: Readonly<Record<string, readonly ListHit[]>>;
  /** Model name -> version scored. */
  readonly models: Readonly<Record<string, number>>;
}

export class InputRecorder {
  readonly lists: Record<string, readonly ListHit[]> = {};
  readonly models: Record<string, number> = {};

  constructor(
    private readonly listReader: ListReader,
    readonly features: InputValues,
    readonly graph: InputValues,
  ) {}

  lookupList(tenant: string, entityType: ListEntityType, value: string, time: number): readonly ListHit[] {
    const hits = this.listReader.lookup(tenant, entityType, value, time);
    if (hits.length > 0) this.lists[`${entityType}|${value}`] = hits;
    return hits;
  }

  modelUsed(name: string, version: number): void {
    this.models[name] = version;
  }

  recorded(): RecordedInputs {
    return { features: this.features, graph: this.graph, lists: this.lists, models: this.models };
  }
}

/** A ListReader that answers from recorded hits (replay): what hit then hits now, nothing else does. */
export function recordedListReader(lists: Readonly<Record<string, readonly ListHit[]>>): ListReader {
  return { lookup: (_tenant, entityType, value) => lists[`${entityType}|${value}`] ?? [] };
}
