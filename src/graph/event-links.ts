// How events become graph facts: which person an event is about, which identifiers it links them to and by what
// relation, and which labels it sets. Pure functions of one event; tenant-graph.ts applies them.
// Events arrive PII-hashed from ingest; employer names are not personal data and stay plain (normalised).

import type { ArgusEvent, ApplicationSubmittedData } from '../ingest/index.js';
import { LABEL_FLAGS } from './labels-file.js';
import { Flag, NodeType, Relation } from './node-kinds.js';

export interface LinkSpec {
  readonly type: number;
  readonly key: string;
  readonly relation: number;
}

export type GraphFact =
  | { readonly kind: 'links'; readonly person: string; readonly links: readonly LinkSpec[] }
  | { readonly kind: 'loan'; readonly loanId: string; readonly person: string }
  | { readonly kind: 'loanClosed'; readonly loanId: string; readonly chargedOff: boolean }
  | { readonly kind: 'label'; readonly type: number; readonly key: string; readonly set: number; readonly clear: number };

const LIST_ENTITY_TYPES: Readonly<Record<string, number>> = {
  person: NodeType.person, phone: NodeType.phone, device: NodeType.device, ip: NodeType.ip,
  card: NodeType.card, address: NodeType.address,
};

/** The graph facts in one event (none for events the graph does not use). */
export function factsOfEvent(event: ArgusEvent): GraphFact[] {
  switch (event.type) {
    case 'application.submitted':
      return [{ kind: 'links', person: event.data.applicant.idNumber, links: applicationLinks(event.data) }];
    case 'device.seen':
    case 'login': {
      const d = event.data;
      if (!d.idNumber) return [];
      const links: LinkSpec[] = [
        { type: NodeType.device, key: d.fingerprint, relation: Relation.uses },
        { type: NodeType.ip, key: d.ip, relation: Relation.uses },
      ];
      if (d.ip24) links.push({ type: NodeType.ip24, key: d.ip24, relation: Relation.uses });
      if (d.phone) links.push({ type: NodeType.phone, key: d.phone, relation: Relation.owns });
      return [{ kind: 'links', person: d.idNumber, links }];
    }
    case 'loan.booked':
      return [{ kind: 'loan', loanId: event.data.loanId, person: event.data.idNumber }];
    case 'loan.closed':
      return [{ kind: 'loanClosed', loanId: event.data.loanId, chargedOff: event.data.reason === 'charged_off' }];
    case 'list.changed': {
      const d = event.data;
      const type = LIST_ENTITY_TYPES[d.entityType];
      if (type === undefined || d.list === 'grey') return [];
      if (d.list === 'white') {
        return type === NodeType.person
          ? [{ kind: 'label', type, key: d.value, set: d.action === 'add' ? Flag.good : 0, clear: d.action === 'add' ? 0 : Flag.good }]
          : [];
      }
      // Black list: a fraud reason or source also marks fraud; removal clears both (the listing was withdrawn).
      const fraud = /fraud/i.test(d.reason) || /fraud/i.test(d.source) ? Flag.fraud : 0;
      return d.action === 'add'
        ? [{ kind: 'label', type, key: d.value, set: Flag.blacklisted | fraud, clear: 0 }]
        : [{ kind: 'label', type, key: d.value, set: 0, clear: Flag.blacklisted | Flag.fraud }];
    }
    case 'graph.labelled': {
      const d = event.data;
      return [{ kind: 'label', type: NodeType[d.entityType], key: d.key, set: LABEL_FLAGS[d.label], clear: 0 }];
    }
    default:
      return [];
  }
}

/** The identifiers an application links its applicant to. Contacts equal to the applicant's own phone are skipped. */
export function applicationLinks(data: ApplicationSubmittedData): LinkSpec[] {
  const links: LinkSpec[] = [
    { type: NodeType.phone, key: data.applicant.phone, relation: Relation.owns },
    { type: NodeType.device, key: data.device.fingerprint, relation: Relation.uses },
    { type: NodeType.ip, key: data.device.ip, relation: Relation.uses },
    { type: NodeType.card, key: data.bankCard, relation: Relation.owns },
    { type: NodeType.address, key: data.homeAddress, relation: Relation.livesAt },
  ];
  if (data.device.ip24) links.push({ type: NodeType.ip24, key: data.device.ip24, relation: Relation.uses });
  if (data.workAddress) links.push({ type: NodeType.address, key: data.workAddress, relation: Relation.worksAt });
  const employer = data.employer ? normaliseEmployer(data.employer) : '';
  if (employer !== '') links.push({ type: NodeType.employer, key: employer, relation: Relation.worksAt });
  const own = data.applicant.phone;
  for (const c of data.emergencyContacts) {
    if (c.phone !== own) links.push({ type: NodeType.phone, key: c.phone, relation: Relation.emergencyContact });
  }
  for (const c of data.contacts) {
    if (c.phone !== own) links.push({ type: NodeType.phone, key: c.phone, relation: Relation.contact });
  }
  return links;
}

export function normaliseEmployer(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
