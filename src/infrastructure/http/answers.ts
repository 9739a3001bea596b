import { SetMetadata } from '@nestjs/common';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { answerRef, type AnswerSchema } from './answer-schemas';

export const ANSWER = 'ledger:answer';

/** A successful answer as the OpenAPI document describes it. */
export type Answer = Readonly<{ description: string; content: Readonly<Record<string, { schema: SchemaObject | ReferenceObject }>> }>;

/** A component of answer-schemas.ts by name, or a schema (or reference) of its own. */
type Body = AnswerSchema | SchemaObject | ReferenceObject;

const schemaOf = (body: Body): SchemaObject | ReferenceObject => (typeof body === 'string' ? answerRef(body) : body);

/**
 * What a handler answers on success, in each media type it answers in. The
 * status is not repeated here: openapi.ts takes the one Nest documents from
 * @HttpCode (or the method's default), so the two cannot disagree.
 */
export const AnswersIn = (description: string, content: Readonly<Record<string, Body>>) =>
  SetMetadata<string, Answer>(ANSWER, {
    description,
    content: Object.fromEntries(Object.entries(content).map(([mediaType, body]) => [mediaType, { schema: schemaOf(body) }])),
  });

/** What a handler answers on success, in JSON; with no body, only the description (a 204). */
export const Answers = (description: string, body?: Body) => AnswersIn(description, body === undefined ? {} : { 'application/json': body });

/** A command's answer: what it wrote (the CommandAnswer component), and what it adds, e.g. the id it minted. */
export const AnswersCommand = (description: string, adds?: SchemaObject) =>
  Answers(description, adds === undefined ? 'CommandAnswer' : { allOf: [answerRef('CommandAnswer'), { type: 'object', ...adds }] });

/** A field a command's answer always adds beside what it wrote. */
export const adding = (name: string, schema: SchemaObject): SchemaObject => ({ required: [name], properties: { [name]: schema } });

/** The id a command minted, as its answer adds it. */
export const minted = (name: string, description: string): SchemaObject => adding(name, { type: 'string', format: 'uuid', description });
