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

/** A refusal, the one field it names, and that nothing was written: the head of the log is where it was. */
export const expectRefusedWritingNothing = async <R extends Reply>(
  send: () => Promise<R>, head: () => Promise<unknown>, status: number, code: string, field: string,
): Promise<R> => {
  const before = await head();
  const response = await send();
  expectProblem(response, status, code);
  expect(fieldsOf(response)).toEqual([field]);
  expect(await head()).toBe(before);
  return response;
};
