// Valid raw events of every type, for tests. Each call with a different n gives a different id and identifiers.

export function application(n = 1, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `evt-app-${n}`,
    type: 'application.submitted',
    time: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
    data: {
      applicationId: `app-${n}`,
      applicant: { idNumber: `11010119900307${String(1000 + n).slice(-4)}`, phone: `1380000${String(1000 + n).slice(-4)}`, name: `Test Person ${n}`, birthYear: 1990, monthlyIncome: 8000 },
      device: { fingerprint: `dev-${n}`, ip: `203.0.113.${n % 250}`, os: 'android' },
      bankCard: `62220200000000${String(1000 + n).slice(-4)}`,
      homeAddress: `${n} Test Road, Chaoyang, Beijing`,
      workAddress: '1 Office Park, Haidian, Beijing',
      employer: 'Acme Trading Co',
      contacts: [{ phone: '13900001111', name: 'Mother', relation: 'parent' }],
      emergencyContacts: [{ phone: '13900002222', name: 'Friend', relation: 'friend' }],
      requestedAmount: 5000,
      termMonths: 6,
      channel: 'app',
    },
    ...overrides,
  };
}

export function allTypes(): Record<string, unknown>[] {
  const t = '2025-02-01T10:00:00.000Z';
  return [
    application(1),
    { id: 'evt-dev-1', type: 'device.seen', time: t, data: { fingerprint: 'dev-1', ip: '198.51.100.7', phone: '13800001001' } },
    { id: 'evt-login-1', type: 'login', time: t, data: { fingerprint: 'dev-1', ip: '198.51.100.7', idNumber: '110101199003071001' } },
    {
      id: 'evt-loan-1', type: 'loan.booked', time: t,
      data: {
        loanId: 'loan-1', applicationId: 'app-1', idNumber: '110101199003071001', amount: 3000, annualRate: 0.24, termMonths: 3,
        schedule: [1, 2, 3].map((seq) => ({ seq, dueDate: `2025-0${2 + seq}-01T00:00:00.000Z`, principal: 1000, interest: 20 })),
      },
    },
    { id: 'evt-due-1', type: 'instalment.due', time: '2025-03-01T00:00:00.000Z', data: { loanId: 'loan-1', seq: 1, dueDate: '2025-03-01T00:00:00.000Z', amountDue: 1020 } },
    { id: 'evt-pay-1', type: 'repayment.made', time: '2025-03-01T08:00:00.000Z', data: { loanId: 'loan-1', seq: 1, amount: 1020, paidAt: '2025-03-01T08:00:00.000Z' } },
    { id: 'evt-close-1', type: 'loan.closed', time: '2025-05-01T08:00:00.000Z', data: { loanId: 'loan-1', reason: 'paid_off' } },
    {
      id: 'evt-call-1', type: 'collection.call', time: '2025-03-05T10:00:00.000Z',
      data: {
        callId: 'call-1', loanId: 'loan-1', agent: { kind: 'robot', id: 'bot-1' }, calledPhone: '13800001001', calledParty: 'borrower',
        startedAt: '2025-03-05T10:00:00.000Z', endedAt: '2025-03-05T10:01:30.000Z', outcome: 'promise_to_pay',
        transcript: [{ speaker: 'agent', atSecond: 0, text: 'Hello, this is a reminder about your instalment.' }, { speaker: 'customer', atSecond: 5, text: 'I will pay on Friday.' }],
      },
    },
    { id: 'evt-list-1', type: 'list.changed', time: t, data: { list: 'black', entityType: 'phone', value: '13800009999', action: 'add', reason: 'confirmed fraud', source: 'investigations' } },
    { id: 'evt-graph-1', type: 'graph.recomputed', time: t, data: { throughOffset: 41 } },
    { id: 'evt-label-1', type: 'graph.labelled', time: t, data: { entityType: 'person', key: 'h:QwrEhPx0pSt5R6bJbNNWDw', label: 'fraud', source: 'fraud-team' } },
  ];
}
