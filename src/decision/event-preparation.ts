// Turns a decide request body into a validated, PII-hashed application.submitted event, through the same schema
// validation and hashing as ingest. The body is the event envelope {id, type, time, data}, or just its data; for
// bare data the envelope is made up: id "decide:<applicationId>", time = now.
import { RiskError, type Clock } from '../core/index.js';
import { PiiRedactor, validateEvent, type EventOf, type KeyedHasher } from '../ingest/index.js';

export type ApplicationEvent = EventOf<'application.submitted'>;

export class EventPreparer {
  private readonly redactor: PiiRedactor;

  constructor(hasher: KeyedHasher, private readonly clock: Clock) {
    this.redactor = new PiiRedactor(hasher);
  }

  /** Validates and hashes in place; throws the ingest code (INGEST_EVENT_INVALID, ...) with the JSON path. */
  prepare(body: unknown): ApplicationEvent {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new RiskError('DECISION_BODY_INVALID', 'the body is an application.submitted event or its data, as a JSON object');
    }
    const record = body as Record<string, unknown>;
    const envelope = 'data' in record && 'type' in record
      ? record
      : {
          id: `decide:${String(record.applicationId ?? '')}`,
          type: 'application.submitted',
          time: new Date(this.clock.now()).toISOString(),
          data: record,
        };
    if (envelope.type !== 'application.submitted') {
      throw new RiskError('DECISION_EVENT_TYPE_INVALID', `decide takes an application.submitted event, not "${String(envelope.type)}"`, {
        type: envelope.type,
      });
    }
    const checked = validateEvent(envelope, 0);
    if (!checked.ok) {
      throw new RiskError(checked.problem.code, checked.problem.message, { path: checked.problem.path });
    }
    return this.redactor.redact(checked.event) as ApplicationEvent;
  }
}
