// The wire form of a batch prepared in a worker thread: its problems and its valid events packed
// (store's PackedEvents), which the main thread hands to the event log without unpacking.
import type { PackedEvents } from '../store/index.js';
import type { RecordProblem } from './event-validator.js';

export interface PackedBatch {
  readonly received: number;
  readonly problems: RecordProblem[];
  readonly events: PackedEvents;
}
