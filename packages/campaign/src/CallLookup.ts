/**
 * How a campaign finds out whether an ambiguous create placed a call: the client's
 * `findCreatedCalls` (from `@effect-signalwire/client/Reconcile`), which lists the project's
 * calls to the request's `to` from its `from` created around the time it was sent.
 *
 * The campaign looks up from what it recorded before the request left (the request and the send
 * time), so the lookup also works after a crash, when no error object survives. It is a service
 * so that tests may substitute their own.
 *
 * @since 0.1.0
 */
import * as CreateCallError from "@effect-signalwire/client/CreateCallError"
import * as Reconcile from "@effect-signalwire/client/Reconcile"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import type { Call, CreateCallRequest } from "@effect-signalwire/schema"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"

/**
 * The lookup itself failed (the list could not be read): the item's outcome stays unknown.
 *
 * @since 0.1.0
 * @category errors
 */
export class LookupFailed extends Schema.TaggedError<LookupFailed>()("LookupFailed", {
  detail: Schema.String
}) {
  override get message(): string {
    return `Could not list calls to reconcile: ${this.detail}`
  }
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * The calls that match the request and were created within the clock-skew margin (30 s) of
   * `sentAt` or since.
   */
  readonly findCreatedCalls: (
    request: CreateCallRequest.CreateCallRequest,
    sentAt: Date
  ) => Effect.Effect<ReadonlyArray<Call.Call>, LookupFailed>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class CallLookup extends Context.Tag("@effect-signalwire/campaign/CallLookup")<CallLookup, Service>() {}

/**
 * Looks up through the `SignalWireClient` in context (its list requests, retries and timeouts).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, SignalWireClient.SignalWireClient> = Effect.map(
  SignalWireClient.SignalWireClient,
  (client) => ({
    findCreatedCalls: (request, sentAt) =>
      // What the campaign recorded, in the shape the client reconciles from.
      Reconcile.findCreatedCalls(
        new CreateCallError.OutcomeUnknown({
          reason: "ConnectionLost",
          detail: "recorded as sent by a campaign, outcome not recorded",
          request,
          sentAt,
          attempts: 1
        })
      ).pipe(
        Effect.provideService(SignalWireClient.SignalWireClient, client),
        Effect.mapError((error) => new LookupFailed({ detail: error.message })),
        Effect.withSpan("CallLookup.findCreatedCalls")
      )
  })
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<CallLookup, never, SignalWireClient.SignalWireClient> = Layer.effect(CallLookup, make)
