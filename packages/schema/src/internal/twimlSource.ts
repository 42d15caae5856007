/**
 * What lets `CreateCallRequest`'s `twiml` (and any field built on `Twiml`) take a LaML document
 * without importing the `Laml` module: a document made by `Laml.response` carries, on its
 * prototype, a function that checks it and renders it to XML. An app that never imports `Laml`
 * pays for this symbol check only.
 *
 * @internal
 */
import type * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"

/** @internal */
export const TwimlSourceTypeId: unique symbol = Symbol.for("@effect-signalwire/schema/Laml/Response") as never

/** @internal */
export type TwimlSourceTypeId = typeof TwimlSourceTypeId

/**
 * A value that can render itself to LaML XML, failing with every broken rule (with its path)
 * when it is not a valid document.
 *
 * @internal
 */
export interface TwimlSource {
  readonly [TwimlSourceTypeId]: () => Either.Either<string, ParseResult.ParseIssue>
}

/** @internal */
export const isTwimlSource = (u: unknown): u is TwimlSource =>
  Predicate.hasProperty(u, TwimlSourceTypeId) && Predicate.isFunction(u[TwimlSourceTypeId])
