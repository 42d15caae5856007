/** @internal `listCallsPage` over a client's pipeline. */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as ApiPath from "@effect-signalwire/schema/ApiPath"
import * as CallPage from "@effect-signalwire/schema/CallPage"
import * as ListCallsFilter from "@effect-signalwire/schema/ListCallsFilter"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as CreateCallError from "../CreateCallError.js"
import * as RetryPolicy from "../RetryPolicy.js"
import { type FilterInput, type Make, type PageOptions, policy, timeout } from "./callControl.js"
import { listError } from "./controlErrors.js"
import { invalidRequest, violation } from "./input.js"
import * as Request from "./request.js"
import { logUnreadable } from "./unreadable.js"

const decodePageSize = Schema.decodeUnknownEither(ListCallsFilter.PageSize)
const decodePage = Request.jsonBody(CallPage.decodeEither, "a page of calls")

/** @internal */
export const make: Make<"listCallsPage"> = (config, send) => {
  const callsPath = ApiPath.calls(config.projectId)
  const pagePath = (uri: string) => Request.pagePath(config.origin, uri)
  return (filter?: FilterInput, options?: PageOptions) =>
    Effect.withSpan(
      Effect.gen(function*() {
        const operation = "List Calls"
        let path: string
        if (options?.cursor !== undefined) {
          const cursor = pagePath(options.cursor)
          if (Either.isLeft(cursor)) return yield* Effect.fail(violation(["cursor"], `must be ${cursor.left}`, operation))
          path = cursor.right
        } else {
          const valid = yield* Effect.mapError(ListCallsFilter.decode(filter ?? {}), (error) => invalidRequest(error, operation))
          const params: Array<readonly [string, string]> = [...ListCallsFilter.toQueryParams(valid)]
          if (options?.pageSize !== undefined) {
            const pageSize = decodePageSize(options.pageSize)
            if (Either.isLeft(pageSize)) {
              return yield* Effect.fail(
                violation(["pageSize"], `must be an integer from 1 to 1000 (got ${JSON.stringify(options.pageSize)})`, operation)
              )
            }
            params.push(["PageSize", String(pageSize.right)])
          }
          path = `${callsPath}.json${params.length === 0 ? "" : `?${new URLSearchParams(params as Array<[string, string]>)}`}`
        }
        const { attempts, value } = yield* send({
          name: operation,
          request: HttpClientRequest.get(path),
          decode: decodePage,
          toError: listError(operation),
          retry: policy(config.idempotentRetry ?? RetryPolicy.idempotent, options),
          timeout: timeout(config, options)
        })
        yield* Effect.annotateCurrentSpan({ "signalwire.page": value.page, "signalwire.attempts": attempts })
        yield* Effect.forEach(value.calls, (call) => logUnreadable("List Calls", call), { discard: true })
        // A link to another host would carry the credentials there when followed.
        if (value.nextPageUri !== null && Either.isLeft(pagePath(value.nextPageUri))) {
          return yield* Effect.fail(
            new CreateCallError.UnexpectedResponse({
              status: 200,
              bodySnippet: Request.snippet(value.nextPageUri),
              detail: `next_page_uri is not a path on the space`
            })
          )
        }
        return value
      }),
      "SignalWireClient.listCallsPage"
    )
}
