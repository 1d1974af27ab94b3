// The flow document: a versioned JSON graph of nodes from one input to outputs. These are the authoring shapes
// (what is saved and sent over HTTP); compiled forms live with the node compilers. Union members carry `kind`.

/** A CEL expression (see docs/expression.md). */
export type Cel = string;

export type ListName = 'black' | 'grey' | 'white';
export type ListEntityType = 'person' | 'phone' | 'device' | 'ip' | 'card' | 'address';
export type Outcome = 'approve' | 'reject' | 'review';
export type MissingPolicy = 'error' | 'skip' | 'hit' | 'review';

/** A variable taken from the application event: `path` is a dotted path into `data` (e.g. "applicant.monthlyIncome"). */
export interface EventVariable {
  readonly path: string;
  /** CEL type; numbers are 'double'. Default 'double'. */
  readonly type?: string;
}

export interface InputNode {
  readonly kind: 'input';
  readonly id: string;
}

export interface ListCheck {
  readonly entityType: ListEntityType;
  /** CEL producing a hashed identifier (string) or a list of them, e.g. `app.contacts.map(c, c.phone)`. */
  readonly value: Cel;
  /** Lists consulted; default all three. */
  readonly lists?: readonly ListName[];
}

export interface ListNode {
  readonly kind: 'list';
  readonly id: string;
  readonly checks: readonly ListCheck[];
  /** What a hit on each list does; defaults black: reject, grey: review, white: tag. */
  readonly actions?: Partial<Record<ListName, 'reject' | 'review' | 'tag' | 'none'>>;
}

export type RuleAction =
  | { readonly type: 'reject' }
  | { readonly type: 'review' }
  | { readonly type: 'points'; readonly points: number }
  | { readonly type: 'tag'; readonly tag: string }
  | { readonly type: 'set'; readonly variable: string; readonly value: Cel; readonly valueType?: string };

export interface Rule {
  readonly id: string;
  readonly name?: string;
  readonly when: Cel;
  readonly action: RuleAction;
  /** Reason code recorded when the rule hits, e.g. "VEL_PHONE_24H". */
  readonly reason?: string;
  /** What to do when the condition reads a missing value. Default 'error'. */
  readonly onMissing?: MissingPolicy;
}

export interface RuleSetNode {
  readonly kind: 'rules';
  readonly id: string;
  readonly mode?: 'first-hit' | 'all-hits';
  readonly rules: readonly Rule[];
}

export interface TableColumn {
  readonly name: string;
  /** CEL for the column's value; default the variable of the same name. */
  readonly value?: Cel;
}

export interface TableRow {
  /** One cell per input column: '-' (any), a range '[600..700)', a comparison '>= 0.3', literals '"web", "app"', or CEL using `value`. */
  readonly when: readonly string[];
  /** Output variable -> CEL (usually a literal). */
  readonly then: Readonly<Record<string, Cel>>;
  readonly priority?: number;
  readonly reason?: string;
}

export interface DecisionTableNode {
  readonly kind: 'table';
  readonly id: string;
  readonly hitPolicy?: 'first' | 'collect' | 'priority';
  readonly inputs: readonly TableColumn[];
  /** Output variables and their CEL types ('double', 'string', 'bool'); collect makes each a list. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly rows: readonly TableRow[];
  /** Values of the outputs when no row matches; without it no match is an error. */
  readonly defaults?: Readonly<Record<string, Cel>>;
  readonly onMissing?: MissingPolicy;
}

export interface MatrixAxis {
  readonly value: Cel;
  /** Band labels and their range cells, e.g. { label: 'A', range: '[700..)' }. */
  readonly bands: readonly { readonly label: string; readonly range: string }[];
}

export interface DecisionMatrixNode {
  readonly kind: 'matrix';
  readonly id: string;
  readonly rows: MatrixAxis;
  readonly columns: MatrixAxis;
  /** values[row][column]: numbers or strings. */
  readonly values: readonly (readonly (number | string)[])[];
  readonly output: string;
  readonly onMissing?: MissingPolicy;
}

export interface ScorecardBin {
  /** A range cell ('[..25)'), literals, or 'missing'. */
  readonly when: string;
  readonly points: number;
}

export interface ScorecardCharacteristic {
  readonly name: string;
  readonly value?: Cel;
  readonly bins: readonly ScorecardBin[];
  /** Reason code when this characteristic loses points; default "SC_" + NAME. */
  readonly reason?: string;
}

export interface ScorecardNode {
  readonly kind: 'scorecard';
  readonly id: string;
  readonly baseScore: number;
  readonly output: string;
  readonly characteristics: readonly ScorecardCharacteristic[];
  /** How many reason codes (largest point losses) to report; default 3. */
  readonly reasons?: number;
}

export interface ModelNode {
  readonly kind: 'model';
  readonly id: string;
  readonly model: string;
  readonly version: number;
  /** Model feature -> CEL; a feature not listed reads the variable of the same name. */
  readonly inputs?: Readonly<Record<string, Cel>>;
  /** Variable for the binary probability, or (survival models) the PD over the model's whole horizon. */
  readonly output?: string;
  /**
   * Survival models: variable -> PD at a horizon, in the model's time unit: a number ({ pd_6m: 6 }) or the name of a
   * number variable, read per application ({ pd_term: "term" }: PD over each loan's own term). A horizon past the
   * model's last period is taken at that period; a missing or non-positive one leaves the variable null (missing).
   */
  readonly horizons?: Readonly<Record<string, number | string>>;
  /** Reason codes from the top risk-increasing contributions; default 2, 0 for none. */
  readonly reasons?: number;
  /**
   * Points one unit of the model's explained score is worth when its reasons are ranked with the flow's other
   * reasons (scorecard points lost, rule points). Default: 20/ln 2 (≈ 28.85, the usual 20 points to double the odds)
   * for log-odds models (gbdt, gbst, cox), 1 for scorecard models, whose contributions are points already.
   */
  readonly reasonScale?: number;
}

/** A name the reader knows, optionally exposed to CEL under another name (reader names may hold dots or colons). */
export type ReaderName = string | { readonly name: string; readonly as: string };

export interface ReaderNode {
  readonly kind: 'features' | 'graph';
  readonly id: string;
  /** Names read through the FeatureReader / GraphReader; each becomes a double variable (null when missing). */
  readonly names: readonly ReaderName[];
}

export interface SwitchNode {
  readonly kind: 'switch';
  readonly id: string;
  readonly cases: readonly { readonly when: Cel; readonly branch: string }[];
  readonly default: string;
}

export interface SubflowNode {
  readonly kind: 'subflow';
  readonly id: string;
  readonly flow: string;
  readonly version: number;
}

export interface OutputNode {
  readonly kind: 'output';
  readonly id: string;
  /** Fixed outcome; default: reject if anything rejected, else review if anything asked for review, else approve. */
  readonly decision?: Outcome;
  readonly creditLimit?: Cel;
  readonly price?: Cel;
  readonly term?: Cel;
  readonly tags?: readonly string[];
  /** Variables whose values the result exposes (scores, PDs, bands). */
  readonly expose?: readonly string[];
  /** Reasons returned (most important first); default 5. */
  readonly maxReasons?: number;
}

export type FlowNode =
  | InputNode | ListNode | RuleSetNode | DecisionTableNode | DecisionMatrixNode | ScorecardNode | ModelNode
  | ReaderNode | SwitchNode | SubflowNode | OutputNode;

export type NodeKind = FlowNode['kind'];

export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  /** Switch edges only: the branch this edge takes. */
  readonly branch?: string;
}

/** Caps of one decision. The decided flow's caps govern the whole decision; a sub-flow's own are not used inside it. */
export interface FlowLimits {
  /** Most nodes evaluated in one decision, sub-flows included. Default 256. */
  readonly maxNodes?: number;
  /** Deepest sub-flow nesting below the decided flow (0: no sub-flows). Default 4. */
  readonly maxDepth?: number;
  /** Wall-clock budget of one decision, read between nodes (every 8th and at the output). Default 100 ms. */
  readonly timeoutMs?: number;
}

export interface FlowDocument {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  /** Variables from the application event, by name. The whole event data is also readable as `app` (a map). */
  readonly variables?: Readonly<Record<string, EventVariable>>;
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
  readonly limits?: FlowLimits;
  /** Which outputs a rule error produces: an 'error' outcome (default) or 'review'. */
  readonly onError?: 'error' | 'review';
}

/** A saved flow: the document plus the version the store gave it. */
export interface FlowVersion {
  readonly tenant: string;
  readonly id: string;
  readonly version: number;
  readonly document: FlowDocument;
  readonly createdAt: number;
}
