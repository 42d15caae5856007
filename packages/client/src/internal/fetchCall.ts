/** @internal `fetchCall` over a client's pipeline. */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as RetryPolicy from "../RetryPolicy.js"
import { callPath, checkSid, type ControlOptions, decodeCall, type Make, policy, timeout } from "./callControl.js"
import { callError } from "./controlErrors.js"
import { logUnreadable } from "./unreadable.js"

/** @internal */
export const make: Make<"fetchCall"> = (config, send) =>
  (sid: string, options?: ControlOptions) =>
    Effect.withSpan(
      Effect.gen(function*() {
        yield* Effect.annotateCurrentSpan("signalwire.call.sid", sid)
        const valid = yield* checkSid(sid, "Fetch Call")
        const { attempts, value } = yield* send({
          name: "Fetch Call",
          request: HttpClientRequest.get(callPath(config, valid)),
          decode: decodeCall,
          toError: callError("Fetch Call", valid),
          retry: policy(config.idempotentRetry ?? RetryPolicy.idempotent, options),
          timeout: timeout(config, options)
        })
        yield* Effect.annotateCurrentSpan("signalwire.attempts", attempts)
        yield* logUnreadable("Fetch Call", value)
        return value
      }),
      "SignalWireClient.fetchCall"
    )
