/** @internal `deleteCall` over a client's pipeline. */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as RetryPolicy from "../RetryPolicy.js"
import { callPath, checkSid, type ControlOptions, type Make, policy, timeout } from "./callControl.js"
import { callError } from "./controlErrors.js"
import * as Request from "./request.js"

/** @internal */
export const make: Make<"deleteCall"> = (config, send) =>
  (sid: string, options?: ControlOptions) =>
    Effect.withSpan(
      Effect.gen(function*() {
        yield* Effect.annotateCurrentSpan("signalwire.call.sid", sid)
        const operation = "Delete Call"
        const valid = yield* checkSid(sid, operation)
        const { attempts } = yield* send({
          name: operation,
          request: HttpClientRequest.del(callPath(config, valid)),
          decode: Request.noBody,
          toError: callError(operation, valid),
          retry: policy(config.idempotentRetry ?? RetryPolicy.idempotent, options),
          timeout: timeout(config, options)
        })
        yield* Effect.annotateCurrentSpan("signalwire.attempts", attempts)
      }),
      "SignalWireClient.deleteCall"
    )
