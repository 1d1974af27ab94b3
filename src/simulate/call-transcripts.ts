// Transcripts of collection calls, assembled from phrase lists. Threat and disclosure phrases are kept in their own
// lists (exported) so tests can tell a rule-breaking call from a firm but lawful one; the lawful pressure lines are
// there so that "pay" or "late" alone does not give a call away. Not the decision of which calls break rules.

import type { CollectionCallData } from '../ingest/index.js';
import type { Random } from '../core/index.js';

export type Turn = CollectionCallData['transcript'][number];
export type CallOutcome = CollectionCallData['outcome'];

export const THREAT_LINES = [
  'If you do not pay today we will send people to your home and your workplace.',
  'We will tell your employer and every contact in your phone that you are a cheat.',
  'Pay now or you will be arrested, and your family will be ashamed of you.',
  'You had better pay tonight, or you will regret what happens next.',
  'We know where your children go to school. Think about that before you ignore us again.',
];

export const DISCLOSURE_LINES = [
  '{b} owes us {amount} yuan and is {dpd} days overdue on a loan. Tell them to pay immediately.',
  '{b} has not repaid a loan of {amount} yuan. Please make sure they pay us back.',
  'We are collecting an overdue debt of {amount} yuan from {b}, it is {dpd} days late.',
];

const LAWFUL_PRESSURE = [
  'Please note that late payments are reported and may affect your future applications.',
  'Additional late fees apply according to your contract.',
  'If you are in difficulty we can discuss a repayment plan.',
];

const CUSTOMER_REPLIES: Record<CallOutcome, readonly string[]> = {
  promise_to_pay: ['Sorry, my salary was late. I can pay in {days} days.', 'I will pay the full amount by the end of the week.', 'OK, I will transfer it tomorrow.'],
  paid: ['I already paid this morning, please check.', 'I just transferred the money in the app.'],
  refused: ['I do not have the money and I am not paying now.', 'Stop calling me.'],
  no_answer: [],
  wrong_number: ['I do not know anyone with that name. Wrong number.', 'You have the wrong number.'],
  callback: ['I am at work now, can you call me later?', 'I am driving, call me back in an hour.'],
  dispute: ['I never received the full amount, the fees are wrong.', 'I already repaid this instalment, your records are wrong.'],
};

const AGENT_CLOSINGS: Record<CallOutcome, string> = {
  promise_to_pay: 'Thank you, I have noted your promise to pay {amount} yuan.',
  paid: 'Thank you, I will check the payment.',
  refused: 'I understand. Please contact us when you are able to pay.',
  no_answer: '',
  wrong_number: 'Sorry to bother you.',
  callback: 'Sure, we will call you back.',
  dispute: 'I will pass your dispute to our review team.',
};

export interface CallScript {
  readonly agentKind: 'robot' | 'human';
  readonly party: 'borrower' | 'contact';
  readonly outcome: CallOutcome;
  readonly borrowerName: string;
  readonly contactName: string;
  readonly amount: number;
  readonly dpd: number;
  readonly threat: boolean;
  readonly disclosure: boolean;
}

export function buildTranscript(random: Random, script: CallScript): Turn[] {
  if (script.outcome === 'no_answer') return [];
  const fill = (text: string): string =>
    text
      .replace('{b}', script.borrowerName)
      .replace('{amount}', script.amount.toFixed(2))
      .replace('{dpd}', String(script.dpd))
      .replace('{days}', String(random.between(2, 5)));
  const turns: Turn[] = [];
  let second = 0;
  const say = (speaker: Turn['speaker'], text: string): void => {
    second += random.between(2, 12);
    turns.push({ speaker, atSecond: second, text: fill(text) });
  };
  const reply = script.party === 'borrower' ? 'customer' : 'third_party';

  if (script.agentKind === 'robot') {
    say('agent', `Hello, this is an automated reminder from Argus Credit. Your instalment of {amount} yuan is {dpd} days overdue. Please repay in the app today. Press 1 if you will pay.`);
    const answer = random.pick(CUSTOMER_REPLIES[script.outcome]);
    say('customer', answer);
    return turns;
  }
  if (script.party === 'borrower') {
    say('agent', `Hello, may I speak to ${script.borrowerName}?`);
    say('customer', script.outcome === 'wrong_number' ? 'Who?' : 'Speaking.');
    say('agent', 'This is Argus Credit collections. Your loan instalment of {amount} yuan is {dpd} days past due.');
    if (script.threat) say('agent', random.pick(THREAT_LINES));
    else if (random.chance(0.3)) say('agent', random.pick(LAWFUL_PRESSURE));
  } else {
    say('agent', `Hello, is this ${script.contactName}?`);
    say('third_party', 'Yes, who is calling?');
    say('agent', `I am calling from Argus Credit. We are trying to reach ${script.borrowerName}.`);
    say('agent', script.disclosure ? random.pick(DISCLOSURE_LINES) : 'It is a personal matter. Could you ask them to call us back at this number?');
  }
  const replies = CUSTOMER_REPLIES[script.outcome];
  if (replies.length > 0) say(reply, script.party === 'contact' ? contactReply(script.outcome) : random.pick(replies));
  const closing = AGENT_CLOSINGS[script.outcome];
  if (closing !== '') say('agent', closing);
  say('agent', 'Goodbye.');
  return turns;
}

function contactReply(outcome: CallOutcome): string {
  if (outcome === 'wrong_number') return 'I do not know that person.';
  if (outcome === 'refused') return 'I do not want to be involved in this.';
  return 'OK, I will tell them to call you.';
}
