/** RFC 9457 problem details, with or without a charset. */
export const PROBLEM = /^application\/problem\+json/;

type Reply = Readonly<{ status: number; headers: Record<string, string>; body: { code?: string; errors?: ReadonlyArray<{ field: string }> } }>;

/** The status and the stable code of a refusal, sent as problem+json. */
export const expectProblem = (response: Reply, status: number, code: string) => {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(PROBLEM);
};

/** The fields a 400 names, each once, sorted. */
export const fieldsOf = (response: Reply): string[] => [...new Set((response.body.errors ?? []).map((e) => e.field))].sort();
