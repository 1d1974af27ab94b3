// The canonical event types Argus ingests, as JSON Schemas (TypeBox) that double as the TypeScript types.
// Raw personal identifiers arrive in fields marked in pii-fields.ts and are replaced by keyed hashes before storage.
// This is a deliberate centre: every engine reads these shapes, so they live together.

import { Type, type Static, type TSchema } from '@sinclair/typebox';

// Ids are single-line printable text: no control characters (the ingest worker joins ids with newlines).
const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\u0000-\u001f]+$' });
const Text = (max = 256) => Type.String({ maxLength: max });
const Identifier = Type.String({ minLength: 1, maxLength: 256 });
const Timestamp = Type.String({ format: 'date-time', minLength: 20, maxLength: 40 });
const Amount = Type.Number({ minimum: 0, maximum: 1e12 });
const Strict = { additionalProperties: false } as const;

export const Contact = Type.Object(
  {
    phone: Identifier,
    name: Type.Optional(Identifier),
    relation: Type.Union([
      Type.Literal('parent'), Type.Literal('spouse'), Type.Literal('sibling'), Type.Literal('child'),
      Type.Literal('friend'), Type.Literal('colleague'), Type.Literal('other'),
    ]),
  },
  Strict,
);

export const ApplicationSubmitted = Type.Object(
  {
    applicationId: Id,
    applicant: Type.Object(
      {
        idNumber: Identifier,
        phone: Identifier,
        name: Identifier,
        birthYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
        monthlyIncome: Type.Optional(Amount),
      },
      Strict,
    ),
    // ip24 is filled in at ingest (the hashed /24 of ip); a client need not send it.
    device: Type.Object({ fingerprint: Identifier, ip: Identifier, ip24: Type.Optional(Identifier), os: Type.Optional(Text(64)) }, Strict),
    bankCard: Identifier,
    homeAddress: Identifier,
    workAddress: Type.Optional(Identifier),
    employer: Type.Optional(Text(256)),
    contacts: Type.Array(Contact, { maxItems: 2000 }),
    emergencyContacts: Type.Array(Contact, { maxItems: 10 }),
    requestedAmount: Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }),
    termMonths: Type.Integer({ minimum: 1, maximum: 360 }),
    channel: Text(64),
  },
  Strict,
);

export const DeviceSeen = Type.Object(
  {
    fingerprint: Identifier,
    ip: Identifier,
    ip24: Type.Optional(Identifier),
    idNumber: Type.Optional(Identifier),
    phone: Type.Optional(Identifier),
    os: Type.Optional(Text(64)),
  },
  Strict,
);

export const Instalment = Type.Object(
  { seq: Type.Integer({ minimum: 1 }), dueDate: Timestamp, principal: Amount, interest: Amount },
  Strict,
);

export const LoanBooked = Type.Object(
  {
    loanId: Id,
    applicationId: Id,
    idNumber: Identifier,
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }),
    annualRate: Type.Number({ minimum: 0, maximum: 10 }),
    termMonths: Type.Integer({ minimum: 1, maximum: 360 }),
    schedule: Type.Array(Instalment, { minItems: 1, maxItems: 360 }),
  },
  Strict,
);

export const InstalmentDue = Type.Object(
  { loanId: Id, seq: Type.Integer({ minimum: 1 }), dueDate: Timestamp, amountDue: Amount },
  Strict,
);

export const RepaymentMade = Type.Object(
  { loanId: Id, seq: Type.Integer({ minimum: 1 }), amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }), paidAt: Timestamp },
  Strict,
);

export const LoanClosed = Type.Object(
  {
    loanId: Id,
    reason: Type.Union([Type.Literal('paid_off'), Type.Literal('charged_off')]),
    outstanding: Type.Optional(Amount),
  },
  Strict,
);

export const TranscriptTurn = Type.Object(
  {
    speaker: Type.Union([Type.Literal('agent'), Type.Literal('customer'), Type.Literal('third_party')]),
    atSecond: Type.Number({ minimum: 0 }),
    text: Text(4000),
  },
  Strict,
);

export const CollectionCall = Type.Object(
  {
    callId: Id,
    loanId: Id,
    agent: Type.Object({ kind: Type.Union([Type.Literal('robot'), Type.Literal('human')]), id: Id }, Strict),
    calledPhone: Identifier,
    calledParty: Type.Union([Type.Literal('borrower'), Type.Literal('contact'), Type.Literal('unknown')]),
    startedAt: Timestamp,
    endedAt: Timestamp,
    outcome: Type.Union([
      Type.Literal('promise_to_pay'), Type.Literal('paid'), Type.Literal('refused'), Type.Literal('no_answer'),
      Type.Literal('wrong_number'), Type.Literal('callback'), Type.Literal('dispute'),
    ]),
    transcript: Type.Array(TranscriptTurn, { maxItems: 500 }),
  },
  Strict,
);

export const ListEntityType = Type.Union([
  Type.Literal('person'), Type.Literal('phone'), Type.Literal('device'), Type.Literal('ip'),
  Type.Literal('card'), Type.Literal('address'),
]);

export const ListChanged = Type.Object(
  {
    list: Type.Union([Type.Literal('black'), Type.Literal('grey'), Type.Literal('white')]),
    entityType: ListEntityType,
    value: Identifier,
    action: Type.Union([Type.Literal('add'), Type.Literal('remove')]),
    reason: Text(256),
    source: Text(128),
    expiresAt: Type.Optional(Timestamp),
  },
  Strict,
);

const GraphLabel = Type.Union([Type.Literal('fraud'), Type.Literal('defaulted'), Type.Literal('blacklisted'), Type.Literal('good')]);

/**
 * A label on a graph node from outside the other events (a fraud team's confirmed cases, a bureau's defaults):
 * `argus graph propagate --labels FILE` logs one per line, so every process and every backtest sees it. Keys are the
 * graph's own: a keyed hash for a person or an identifier (never a raw value at rest), an employer's normalised name.
 */
export const GraphLabelled = Type.Union([
  Type.Object({ entityType: Type.Literal('employer'), key: Text(256), label: GraphLabel, source: Type.Optional(Text(128)) }, Strict),
  Type.Object(
    {
      entityType: Type.Union([
        Type.Literal('person'), Type.Literal('phone'), Type.Literal('device'), Type.Literal('ip'), Type.Literal('ip24'), Type.Literal('card'),
        Type.Literal('address'),
      ]),
      // A keyed hash exactly (keyed-hasher.ts: "h:" and 22 base64url characters), not any text that starts with "h:".
      key: Type.String({ pattern: '^h:[A-Za-z0-9_-]{22}$' }),
      label: GraphLabel,
      source: Type.Optional(Text(128)),
    },
    Strict,
  ),
]);

/**
 * Written by Argus when a tenant's graph batch features (communities, propagated risk) are recomputed: the log offset
 * the batch saw, so a backtest recomputes at the same point of the log and reads the values decisions read then.
 */
export const GraphRecomputed = Type.Object({ throughOffset: Type.Integer({ minimum: 0 }) }, Strict);

/** Every event type and the schema of its `data`. Adding a type here is all it takes to accept it. */
export const EVENT_DATA_SCHEMAS = {
  'application.submitted': ApplicationSubmitted,
  'device.seen': DeviceSeen,
  login: DeviceSeen,
  'loan.booked': LoanBooked,
  'instalment.due': InstalmentDue,
  'repayment.made': RepaymentMade,
  'loan.closed': LoanClosed,
  'collection.call': CollectionCall,
  'list.changed': ListChanged,
  'graph.recomputed': GraphRecomputed,
  'graph.labelled': GraphLabelled,
} as const satisfies Record<string, TSchema>;

export type EventType = keyof typeof EVENT_DATA_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS) as EventType[];

/** The envelope: an id unique per tenant (the idempotency key), a type, the business time, and the payload. */
export const EventEnvelope = Type.Object(
  {
    id: Id,
    type: Type.String({ minLength: 1, maxLength: 64 }),
    time: Timestamp,
    data: Type.Unknown(),
  },
  Strict,
);

type DataOf<K extends EventType> = Static<(typeof EVENT_DATA_SCHEMAS)[K]>;

/** A discriminated union on `type`: switch (event.type) narrows `data`. */
export type ArgusEvent = {
  [K in EventType]: { readonly id: string; readonly type: K; readonly time: string; readonly data: DataOf<K> };
}[EventType];

export type EventOf<K extends EventType> = Extract<ArgusEvent, { type: K }>;
export type ApplicationSubmittedData = DataOf<'application.submitted'>;
export type LoanBookedData = DataOf<'loan.booked'>;
export type CollectionCallData = DataOf<'collection.call'>;
export type ListChangedData = DataOf<'list.changed'>;
export type GraphRecomputedData = DataOf<'graph.recomputed'>;
export type GraphLabelledData = DataOf<'graph.labelled'>;
