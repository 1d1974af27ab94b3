// Where each entity's key sits in each event type. Applicant keys of loan events are found through the loan link
// (loan.booked ties loanId to the applicant); list.changed names its entity type. An event may hold several keys of
// one entity (contacts); every one is updated. Employer names are keyed lower-cased.
import type { EntityKind } from './feature-spec.js';
import { compilePath, type PathReader } from './field-path.js';
import { ScratchList } from './scratch-list.js';

/** A key source: a data path, the loan link, or the list.changed entity type it stands for. */
type KeySource = string | { readonly viaLoan: true } | { readonly listEntity: string };

const LOAN: KeySource = { viaLoan: true };

export const ENTITY_KEY_SOURCES: Readonly<Record<EntityKind, Readonly<Record<string, readonly KeySource[]>>>> = {
  applicant: {
    'application.submitted': ['applicant.idNumber'],
    'device.seen': ['idNumber'],
    login: ['idNumber'],
    'loan.booked': ['idNumber'],
    'instalment.due': [LOAN],
    'repayment.made': [LOAN],
    'loan.closed': [LOAN],
    'collection.call': [LOAN],
    'list.changed': [{ listEntity: 'person' }],
  },
  phone: {
    'application.submitted': ['applicant.phone'],
    'device.seen': ['phone'],
    login: ['phone'],
    'collection.call': ['calledPhone'],
    'list.changed': [{ listEntity: 'phone' }],
  },
  device: {
    'application.submitted': ['device.fingerprint'],
    'device.seen': ['fingerprint'],
    login: ['fingerprint'],
    'list.changed': [{ listEntity: 'device' }],
  },
  ip: {
    'application.submitted': ['device.ip'],
    'device.seen': ['ip'],
    login: ['ip'],
    'list.changed': [{ listEntity: 'ip' }],
  },
  ip24: { 'application.submitted': ['device.ip24'], 'device.seen': ['ip24'], login: ['ip24'] },
  card: { 'application.submitted': ['bankCard'], 'list.changed': [{ listEntity: 'card' }] },
  address: { 'application.submitted': ['homeAddress'], 'list.changed': [{ listEntity: 'address' }] },
  employer: { 'application.submitted': ['employer'] },
  contact: { 'application.submitted': ['contacts[].phone', 'emergencyContacts[].phone'] },
};

/** Entities whose keys ingest stores as keyed hashes ("h:..."); device fingerprints and employer names are not PII. */
export const HASHED_ENTITIES: ReadonlySet<string> = new Set(['applicant', 'phone', 'ip', 'ip24', 'card', 'address', 'contact']);

/** Event types in which `entity` has a key. */
export function eventTypesWithKey(entity: EntityKind): string[] {
  return Object.keys(ENTITY_KEY_SOURCES[entity]);
}

/** Looks up the applicant of a loan (the loan link); undefined when the loan is not known. */
export interface LoanOwnerLookup {
  owner(loanId: string): string | undefined;
}

/** Extracts the keys of one entity from one event type's data, de-duplicated, into `out` (cleared first). */
export type KeyExtractor = (data: unknown, loanOwner: LoanOwnerLookup, out: ScratchList<string>) => void;

export function compileKeyExtractor(entity: EntityKind, eventType: string): KeyExtractor | undefined {
  const sources = ENTITY_KEY_SOURCES[entity][eventType];
  if (!sources) return undefined;
  const readers: ((data: unknown, loanOwner: LoanOwnerLookup, out: ScratchList<unknown>) => void)[] = sources.map((source) => {
    if (typeof source === 'string') {
      const read: PathReader = compilePath(source);
      return (data, _lo, out) => read(data, out);
    }
    if ('viaLoan' in source) {
      return (data, loanOwner, out) => {
        const loanId = (data as { loanId?: unknown }).loanId;
        const owner = typeof loanId === 'string' ? loanOwner.owner(loanId) : undefined;
        if (owner !== undefined) out.push(owner);
      };
    }
    const wanted = source.listEntity;
    return (data, _lo, out) => {
      const d = data as { entityType?: unknown; value?: unknown };
      if (d.entityType === wanted && typeof d.value === 'string') out.push(d.value);
    };
  });
  const lower = entity === 'employer';
  const scratch = new ScratchList<unknown>();
  return (data, loanOwner, out) => {
    out.clear();
    scratch.clear();
    for (const read of readers) read(data, loanOwner, scratch);
    for (let i = 0; i < scratch.n; i++) {
      const raw = scratch.items[i];
      if (typeof raw !== 'string') continue;
      const key = lower ? raw.trim().toLowerCase() : raw;
      if (key.length === 0 || out.includes(key)) continue;
      out.push(key);
    }
  };
}
