// Which collection calls an overdue instalment gets, when, by whom, and which contact rules each one breaks.
// Calls are planned one day past due at a time (the next day's only when the last call of the day before is made),
// and the transcript is written only when a call is emitted, so a defaulted loan waiting 90 days for charge-off
// holds one or two small plans, not ten transcripts.

import { DAY_MS, HOUR_MS, type Random } from '../core/index.js';
import type { CollectionCallData } from '../ingest/index.js';
import { buildTranscript, type CallOutcome } from './call-transcripts.js';
import { SIMULATOR_MODEL } from './simulator-model.js';
import type { ContactRule } from './world-types.js';
import { isoTime } from './iso-time.js';

const HUMAN_AGENT_IDS = Array.from({ length: SIMULATOR_MODEL.calls.humanAgents }, (_, i) => `agent-${String(i + 1).padStart(2, '0')}`);

export interface PlannedCall {
  readonly startMs: number;
  readonly endMs: number;
  readonly dpd: number;
  readonly agentKind: 'robot' | 'human';
  readonly agentId: string;
  readonly party: 'borrower' | 'contact';
  readonly outcome: CallOutcome;
  readonly rules: readonly ContactRule[];
}

export interface OverdueEpisode {
  readonly dueMs: number;
  /** The instalment became the oldest unpaid one at this time (its due date, or when the previous one was paid). */
  readonly fromMs: number;
  /** Paid (cured) or charged off at this time; no call is placed from then on. */
  readonly untilMs: number;
  readonly cured: boolean;
  readonly fraud: boolean;
}

export class CallPlanner {
  private mark = 0;

  constructor(private readonly episode: OverdueEpisode) {}

  /** The calls (one or two) of the next day past due on which any call is placed; null when there are no more. */
  next(random: Random): PlannedCall[] | null {
    const c = SIMULATOR_MODEL.calls;
    const episode = this.episode;
    while (this.mark < c.dpdMarks.length) {
      const dpd = c.dpdMarks[this.mark++];
      const day = Math.floor(episode.dueMs / DAY_MS) * DAY_MS + dpd * DAY_MS;
      if (day + DAY_MS <= episode.fromMs || day >= episode.untilMs) continue;
      const calls: PlannedCall[] = [];
      if (random.chance(c.attemptProbability)) {
        const planned = planCall(random, episode, day, dpd, 'borrower');
        if (planned) calls.push(planned);
      }
      if (dpd >= c.contactCallFromDpd && random.chance(c.contactCallProbability)) {
        const planned = planCall(random, episode, day, dpd, 'contact');
        if (planned) calls.push(planned);
      }
      if (calls.length > 0) return calls;
    }
    return null;
  }
}

function planCall(random: Random, episode: OverdueEpisode, day: number, dpd: number, party: 'borrower' | 'contact'): PlannedCall | null {
  const c = SIMULATOR_MODEL.calls;
  const night = random.chance(c.nightShare);
  // Local day window 09:00-20:00 and night window 21:00-08:00, as UTC offsets from the UTC midnight of the day.
  const local = night ? 21 + random.next() * 11 : 9 + random.next() * 11;
  const startMs = day + Math.floor((local - c.localUtcOffsetHours) * HOUR_MS);
  const human = party === 'contact' || dpd >= c.humanFromDpd;
  const agentNumber = human ? random.int(c.humanAgents) : random.int(c.robotAgents);
  const outcome = callOutcome(random, episode, party, startMs);
  const answered = outcome !== 'no_answer';
  const rules: ContactRule[] = [];
  if (night) rules.push('night_call');
  if (human && answered && party === 'borrower') {
    const threatRate = agentNumber < c.riskyAgents ? c.riskyAgentThreat : c.otherAgentThreat;
    if (random.chance(threatRate)) rules.push('threat');
  }
  if (human && answered && party === 'contact' && random.chance(c.disclosureShare)) rules.push('third_party_disclosure');
  const seconds = answered ? random.between(40, human ? 300 : 90) : random.between(20, 45);
  const endMs = startMs + seconds * 1000;
  if (startMs <= episode.fromMs || endMs >= episode.untilMs) return null;
  return {
    startMs, endMs, dpd, party, outcome, rules,
    agentKind: human ? 'human' : 'robot',
    agentId: human ? HUMAN_AGENT_IDS[agentNumber] : `robot-${agentNumber + 1}`,
  };
}

function callOutcome(random: Random, episode: OverdueEpisode, party: 'borrower' | 'contact', startMs: number): CallOutcome {
  const c = SIMULATOR_MODEL.calls;
  if (party === 'contact') {
    if (!random.chance(c.answerContact)) return 'no_answer';
    return (['callback', 'callback', 'callback', 'refused', 'wrong_number'] as const)[random.int(5)];
  }
  if (episode.fraud) {
    if (!random.chance(c.answerFraud)) return 'no_answer';
    return random.chance(0.7) ? 'wrong_number' : 'refused';
  }
  const curesSoon = episode.cured && episode.untilMs - startMs < 7 * DAY_MS;
  if (!random.chance(episode.cured ? c.answerBorrower : c.answerDefaulter)) return 'no_answer';
  if (curesSoon) return (['promise_to_pay', 'promise_to_pay', 'promise_to_pay', 'paid', 'callback'] as const)[random.int(5)];
  return (['promise_to_pay', 'refused', 'callback', 'dispute'] as const)[random.int(4)];
}

export interface CallParties {
  readonly callId: string;
  readonly loanId: string;
  readonly borrowerName: string;
  readonly borrowerPhone: string;
  readonly contactName: string;
  readonly contactPhone: string;
  readonly amount: number;
}

export function callData(random: Random, call: PlannedCall, parties: CallParties): CollectionCallData {
  const transcript = buildTranscript(random, {
    agentKind: call.agentKind,
    party: call.party,
    outcome: call.outcome,
    borrowerName: parties.borrowerName,
    contactName: parties.contactName,
    amount: parties.amount,
    dpd: call.dpd,
    threat: call.rules.includes('threat'),
    disclosure: call.rules.includes('third_party_disclosure'),
  });
  return {
    callId: parties.callId,
    loanId: parties.loanId,
    agent: { kind: call.agentKind, id: call.agentId },
    calledPhone: call.party === 'borrower' ? parties.borrowerPhone : parties.contactPhone,
    calledParty: call.party,
    startedAt: isoTime(call.startMs),
    endedAt: isoTime(call.endMs),
    outcome: call.outcome,
    transcript,
  };
}
