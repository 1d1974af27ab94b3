// The wire form of a prepared batch between the prepare worker and the main thread. Ids, types and JSON bodies hold
// no raw newline (ids and types are validated single-line strings; JSON escapes newlines), so '\n' can join them.
import type { EncodedEvent } from '../store/index.js';
import type { PreparedBatch } from './batch-preparer.js';
import type { RecordProblem } from './event-validator.js';

export interface PackedBatch {
  readonly received: number;
  readonly problems: RecordProblem[];
  readonly ids: string;
  readonly types: string;
  readonly bodies: string;
  readonly times: Float64Array;
}

export function unpackBatch(packed: PackedBatch): PreparedBatch {
  const n = packed.times.length;
  const encoded: EncodedEvent[] = new Array(n);
  if (n > 0) {
    const ids = packed.ids.split('\n');
    const types = packed.types.split('\n');
    const bodies = packed.bodies.split('\n');
    for (let i = 0; i < n; i++) encoded[i] = { id: ids[i], type: types[i], time: packed.times[i], body: bodies[i] };
  }
  return { received: packed.received, encoded, problems: packed.problems };
}
