// Events packed for crossing threads: ids, types and JSON bodies joined by newlines (none of them holds a raw
// newline: ids and types are validated single-line text, JSON escapes newlines) and times in a transferable
// Float64Array. Cloning four strings costs a fraction of cloning ten thousand small objects, and a batch can go from
// the thread that prepared it to the log's writer thread without ever being unpacked in between.
import type { EncodedEvent } from './event-record.js';

export interface PackedEvents {
  readonly count: number;
  readonly ids: string;
  readonly types: string;
  readonly bodies: string;
  readonly times: Float64Array;
}

export function packEvents(events: readonly EncodedEvent[]): PackedEvents {
  const times = new Float64Array(events.length);
  const ids: string[] = new Array(events.length);
  const types: string[] = new Array(events.length);
  const bodies: string[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    times[i] = e.time;
    ids[i] = e.id;
    types[i] = e.type;
    bodies[i] = e.body;
  }
  return { count: events.length, ids: ids.join('\n'), types: types.join('\n'), bodies: bodies.join('\n'), times };
}
