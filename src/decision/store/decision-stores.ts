// Storage interfaces of the decision engine: flows (immutable versions), releases (which version serves a traffic
// slot), lists and models. Everything is keyed by tenant. Embedded mode implements them on SQLite (sqlite-*.ts);
// a Postgres implementation slots in behind the same interfaces.
import type { ScoringModel } from '../../model/index.js';
import type { FlowDocument, FlowVersion, ListEntityType, ListName } from '../flow-types.js';
import type { ListReader, ModelProvider } from '../readers.js';

export interface FlowRef {
  readonly id: string;
  readonly version: number;
}

export interface FlowSummary {
  readonly id: string;
  readonly name?: string;
  readonly latestVersion: number;
  readonly versions: number;
  readonly updatedAt: number;
}

export interface Release {
  readonly id: string;
  readonly tenant: string;
  /** The traffic slot: the `:flow` of POST /v1/decide/:flow. */
  readonly slot: string;
  readonly champion: FlowRef;
  /** Each takes `percent` of applicants, chosen by a stable hash of the applicant key. */
  readonly challengers: readonly { readonly flow: FlowRef; readonly percent: number }[];
  /** Evaluated on live traffic and recorded, never returned. */
  readonly shadows: readonly FlowRef[];
  /** Salt of the traffic split; default the slot, so an applicant keeps their bucket across releases. */
  readonly salt?: string;
  readonly note?: string;
  readonly createdAt: number;
}

export interface FlowStore {
  /** Saves a new version (latest + 1) of the document's flow. */
  saveFlow(tenant: string, document: FlowDocument, createdAt: number): FlowVersion;
  /** A version, or the latest when `version` is undefined. Archived flows keep their versions (audit replays them). */
  getFlow(tenant: string, id: string, version?: number): FlowVersion | undefined;
  listFlows(tenant: string): FlowSummary[];
  listVersions(tenant: string, id: string): { version: number; createdAt: number }[];
  /** Hides a flow from listings and new releases; its versions stay for replay. */
  archiveFlow(tenant: string, id: string): boolean;
  createRelease(release: Release): Release;
  /** The latest release of a slot. */
  activeRelease(tenant: string, slot: string): Release | undefined;
  listReleases(tenant: string, slot: string): Release[];
  getRelease(tenant: string, id: string): Release | undefined;
  /** Changes whenever any process changes flows or releases: caches compare it. */
  generation(): number;
}

export interface ListEntry {
  readonly id: string;
  readonly list: ListName;
  readonly entityType: ListEntityType;
  /** The keyed hash ("h:..."); raw identifiers are never stored. */
  readonly value: string;
  readonly reason: string;
  readonly source: string;
  readonly createdAt: number;
  readonly expiresAt: number | null;
}

export interface ListQuery {
  readonly list?: ListName;
  readonly entityType?: ListEntityType;
  readonly value?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface ListStore extends ListReader {
  /** Adds or replaces the entry for (list, entityType, value). */
  upsert(tenant: string, entries: readonly Omit<ListEntry, 'id'>[], makeId: () => string): { added: number; updated: number };
  remove(tenant: string, list: ListName, entityType: ListEntityType, value: string): boolean;
  /** The entry removed, or undefined when there is none with that id. */
  removeById(tenant: string, id: string): ListEntry | undefined;
  query(tenant: string, query: ListQuery): ListEntry[];
  count(tenant: string): number;
}

export interface ModelStore extends ModelProvider {
  /** Stores an artifact as the next version of `name`; returns the version. Throws MODEL_* for an invalid artifact. */
  put(tenant: string, name: string, artifact: object, createdAt: number): number;
  list(tenant: string): { name: string; version: number; kind: string; createdAt: number }[];
  getArtifact(tenant: string, name: string, version: number): object | undefined;
  get(tenant: string, name: string, version: number): ScoringModel | undefined;
}
