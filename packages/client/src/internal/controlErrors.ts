/**
 * @internal
 * A failure of the request pipeline as the typed error of a call-control operation.
 */
import * as CallControlError from "../CallControlError.js"
import * as CreateCallError from "../CreateCallError.js"
import { notSent, rateLimited } from "./createCall.js"
import type * as Request from "./request.js"

/** @internal */
export type Common = Exclude<CallControlError.CallControlError, CreateCallError.NotFound | CallControlError.CallNotFound>

/** @internal The answer of a call-control request as the failure of that operation; `notFound` reads a 404. */
export const toError = <N>(operation: string, sid: string | undefined, notFound: (fields: Request.ApiErrorFields) => N) =>
(failure: Request.Failure, attempt: Request.Attempt): Common | N => {
  switch (failure._tag) {
    case "NotSent":
      return notSent(failure, attempt)
    case "NoAnswer":
      return new CallControlError.NoResponse({
        reason: failure.reason,
        detail: failure.detail,
        operation,
        ...(sid !== undefined ? { sid } : {}),
        sentAt: attempt.sentAt,
        attempts: attempt.number
      })
    case "Unexpected":
      return new CreateCallError.UnexpectedResponse({
        status: failure.status,
        ...(failure.contentType !== undefined ? { contentType: failure.contentType } : {}),
        bodySnippet: failure.bodySnippet,
        detail: failure.detail
      })
    case "ErrorStatus": {
      const fields = failure.fields
      const status = fields.status
      if (status === 401 || status === 403) return new CreateCallError.AuthenticationFailed(fields)
      if (status === 404) return notFound(fields)
      if (status === 429) return rateLimited(failure, attempt)
      if (status >= 500) {
        return new CallControlError.ServerFailure({
          ...fields,
          operation,
          ...(sid !== undefined ? { sid } : {}),
          attempts: attempt.number
        })
      }
      return new CreateCallError.ApiRejected(fields)
    }
  }
}

/** @internal The failure of a request about one call: a 404 is `CallNotFound`. */
export const callError = (operation: string, sid: string) =>
  toError(operation, sid, (fields) => new CallControlError.CallNotFound({ sid, ...fields }))

/** @internal The failure of a list request: a 404 is `NotFound` (a wrong project or space). */
export const listError = (operation: string) => toError(operation, undefined, (fields) => new CreateCallError.NotFound(fields))

