// Which fields hold personal identifiers, per event type. Each is replaced by a keyed hash before anything is stored
// or logged (see keyed-hasher.ts). Paths use `[]` for "every element of this array".

import type { EventType } from './event-schemas.js';

export const PII_FIELDS: Readonly<Record<EventType, readonly string[]>> = {
  'application.submitted': [
    'applicant.idNumber', 'applicant.phone', 'applicant.name',
    'device.ip', 'device.ip24', 'bankCard', 'homeAddress', 'workAddress',
    'contacts[].phone', 'contacts[].name', 'emergencyContacts[].phone', 'emergencyContacts[].name',
  ],
  'device.seen': ['ip', 'ip24', 'idNumber', 'phone'],
  login: ['ip', 'ip24', 'idNumber', 'phone'],
  'loan.booked': ['idNumber'],
  'instalment.due': [],
  'repayment.made': [],
  'loan.closed': [],
  'collection.call': ['calledPhone'],
  'list.changed': ['value'],
  'graph.recomputed': [],
  // Keys arrive hashed (the schema refuses anything else but an employer's name): nothing raw to hash.
  'graph.labelled': [],
};

/** Fields whose IPv4 /24 prefix is kept (hashed separately) so that networks can be linked without the address. */
export const IP_FIELDS: Readonly<Partial<Record<EventType, readonly string[]>>> = {
  'application.submitted': ['device.ip'],
  'device.seen': ['ip'],
  login: ['ip'],
};
