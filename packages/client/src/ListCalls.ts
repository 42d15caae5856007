/**
 * `listCalls`: the project's calls, newest first, as a `Stream` that follows SignalWire's
 * paging links lazily (a page is fetched only when the stream needs it); `listCallsPage`: one
 * page and its cursor. Import them alone (`@effect-signalwire/client/ListCalls`).
 *
 * @since 0.1.0
 */
import type { Call, CallPage, ListCallsFilter } from "@effect-signalwire/schema"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import { operation } from "./internal/callControl.js"
import * as internal from "./internal/listCallsPage.js"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { ListCallsError } from "./CallControlError.js"
import { type ListOptions, type PageOptions, SignalWireClient } from "./SignalWireClient.js"

/**
 * Streams the calls that match `filter` (`To`, `From`, `Status`, `ParentCallSid`, `StartTime`
 * / `EndTime` on, before or after a moment), newest first. Pages of `pageSize` calls (default
 * 50) are fetched as the stream is consumed: `Stream.take(5)` reads one page. Each page is
 * retried like a read (`RetryPolicy.idempotent`).
 *
 * @since 0.1.0
 * @category operations
 * @example
 * ```ts
 * import { listCalls } from "@effect-signalwire/client"
 * import { Effect, Stream } from "effect"
 *
 * // Today's completed calls to one number, 200 per page.
 * export const program = listCalls(
 *   { to: "+13105678901", status: "completed", startTime: { on: new Date().toISOString().slice(0, 10) } },
 *   { pageSize: 200 }
 * ).pipe(
 *   Stream.runForEach((call) => Effect.log(`${call.sid} ${call.duration ?? 0} s`))
 * )
 * ```
 */
export const listCalls = (
  filter?: ListCallsFilter.ListCallsFilter | ListCallsFilter.ListCallsFilter.Encoded,
  options?: ListOptions
): Stream.Stream<Call.Call, ListCallsError, SignalWireClient> =>
  Stream.unwrap(Effect.map(SignalWireClient, (client) =>
    // The state is the cursor of the page to read next (none: the first page of `filter`).
    Stream.paginateChunkEffect(Option.none<string>(), (cursor) =>
      Effect.map(
        operation(client.control, "listCallsPage", internal.make)(filter, { ...options, cursor: Option.getOrUndefined(cursor) }),
        (page) => [Chunk.unsafeFromArray(page.calls), Option.map(Option.fromNullable(page.nextPageUri), Option.some)] as const
      ))))

/**
 * Reads one page of calls. Without a `cursor`, the first page of `filter`; with the
 * `nextPageUri` of a page as `cursor`, the page after it (the cursor carries the filter and the
 * page size). `nextPageUri` is `null` on the last page.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * ```ts
 * import { listCallsPage } from "@effect-signalwire/client"
 * import { Effect } from "effect"
 *
 * export const program = Effect.gen(function*() {
 *   const first = yield* listCallsPage({ status: "in-progress" }, { pageSize: 20 })
 *   if (first.nextPageUri !== null) {
 *     const second = yield* listCallsPage(undefined, { cursor: first.nextPageUri })
 *     yield* Effect.log(`${first.calls.length + second.calls.length} calls in progress`)
 *   }
 * })
 * ```
 */
export const listCallsPage = (
  filter?: ListCallsFilter.ListCallsFilter | ListCallsFilter.ListCallsFilter.Encoded,
  options?: PageOptions
): Effect.Effect<CallPage.CallPage, ListCallsError, SignalWireClient> =>
  Effect.flatMap(SignalWireClient, (client) => operation(client.control, "listCallsPage", internal.make)(filter, options))
