/**
 * @internal
 * Input that breaks a rule, as an `InvalidRequest` listing every broken rule by field.
 */
import * as ParseResult from "effect/ParseResult"
import * as CreateCallError from "../CreateCallError.js"

/** @internal */
export const invalidRequest = (error: ParseResult.ParseError, operation?: string): CreateCallError.InvalidRequest =>
  new CreateCallError.InvalidRequest({
    violations: ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) =>
      new CreateCallError.Violation({
        path: issue.path.map((key) => typeof key === "symbol" ? String(key) : key),
        message: issue.message
      })
    ) as [CreateCallError.Violation, ...Array<CreateCallError.Violation>],
    ...(operation !== undefined ? { operation } : {})
  })

/** @internal One broken rule of one field. */
export const violation = (path: ReadonlyArray<string>, message: string, operation: string): CreateCallError.InvalidRequest =>
  new CreateCallError.InvalidRequest({ violations: [new CreateCallError.Violation({ path: [...path], message })], operation })
