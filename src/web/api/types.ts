import type { paths } from './schema';

/**
 * Names for the generated contract: the body, query and success answer of one operation, so the
 * web modules name server shapes (`ResponseOf<'/api/tickets/{id}'>`) instead of copying them.
 */
type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = paths[P][M];
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON of the operation's success answer (200 or 201). */
export type ResponseOf<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer Ok } ? Json<Ok> : R extends { 201: infer Created } ? Json<Created> : never
    : never;

/** The JSON body the operation accepts. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query string parameters the operation accepts. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of an array type. */
export type ItemOf<A> = A extends readonly (infer T)[] ? T : never;
