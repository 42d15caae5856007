/** @internal `updateCall` and `hangUpCall` over a client's pipeline. */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as UpdateCallRequest from "@effect-signalwire/schema/UpdateCallRequest"
import * as Effect from "effect/Effect"
import * as RetryPolicy from "../RetryPolicy.js"
import {
  callPath,
  checkSid,
  type ControlOptions,
  decodeCall,
  type Make,
  policy,
  timeout,
  type UpdateInput
} from "./callControl.js"
import { callError } from "./controlErrors.js"
import { invalidRequest } from "./input.js"
import { logUnreadable } from "./unreadable.js"

/** @internal */
export const make: Make<"updateCall"> = (config, send) =>
  (sid: string, input: UpdateInput, options?: ControlOptions) =>
    Effect.withSpan(
      Effect.gen(function*() {
        yield* Effect.annotateCurrentSpan("signalwire.call.sid", sid)
        const operation = "Update Call"
        const valid = yield* checkSid(sid, operation)
        const request = yield* Effect.mapError(UpdateCallRequest.decode(input), (error) => invalidRequest(error, operation))
        const redirect = request.url !== undefined || request.twiml !== undefined
        const { attempts, value } = yield* send({
          name: operation,
          request: HttpClientRequest.post(callPath(config, valid)).pipe(
            HttpClientRequest.bodyUrlParams(UpdateCallRequest.toFormParams(request))
          ),
          decode: decodeCall,
          toError: callError(operation, valid),
          retry: policy(redirect ? config.redirectRetry ?? RetryPolicy.redirect : config.idempotentRetry ?? RetryPolicy.idempotent, options),
          timeout: timeout(config, options)
        })
        yield* Effect.annotateCurrentSpan("signalwire.attempts", attempts)
        yield* logUnreadable("Update Call", value)
        return value
      }),
      "SignalWireClient.updateCall"
    )

/** @internal */
export const makeHangUp: Make<"hangUpCall"> = (config, send) => {
  const updateCall = make(config, send)
  return (sid: string, options?: ControlOptions) =>
    Effect.withSpan(
      Effect.gen(function*() {
        yield* Effect.annotateCurrentSpan("signalwire.call.sid", sid)
        // `completed` ends a call whatever its state: canceled while queued or ringing, completed once answered.
        return yield* updateCall(sid, { status: "completed" }, options)
      }),
      "SignalWireClient.hangUpCall"
    )
}
