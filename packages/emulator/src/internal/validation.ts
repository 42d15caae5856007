/**
 * Invalid request parameters, answered as SignalWire does: 400, one error per broken rule, each
 * with the code documented for its parameter and a message that names the parameter as it is
 * sent (PascalCase).
 *
 * | parameter | code |
 * | --- | --- |
 * | none of `Url`, `ApplicationSid`, `Twiml`; or more than one; or a bad `Url` | 21205 |
 * | `To` missing / invalid | 21201 / 21211 |
 * | `From` missing / invalid | 21213 / 21212 |
 * | `SendDigits` | 21206 |
 * | `MachineDetection` | 21207 |
 * | `Timeout` | 21208 |
 * | `Method`, `FallbackMethod`, `StatusCallbackMethod`, ... | 21209 |
 * | `ApplicationSid` | 21218 |
 * | `StatusCallbackEvent` | 21626 |
 * | any other Calls parameter (`Status`, list filters, ...) | 21200 |
 *
 * @internal
 */
import type * as Arr from "effect/Array"
import * as ParseResult from "effect/ParseResult"
import { type Detail, type ErrorAnswer, make } from "./errors.js"

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1)

const codes: Record<string, number> = {
  Url: 21205,
  Twiml: 21205,
  SendDigits: 21206,
  MachineDetection: 21207,
  Timeout: 21208,
  ApplicationSid: 21218,
  StatusCallbackEvent: 21626
}

const codeOf = (parameter: string, missing: boolean): number => {
  switch (parameter) {
    case "To":
      return missing ? 21201 : 21211
    case "From":
      return missing ? 21213 : 21212
  }
  if (parameter.endsWith("Method")) return 21209
  return codes[parameter] ?? 21200
}

// Cross-field rules name other parameters in camelCase; say them as they are sent.
const sentNames = (message: string) =>
  message
    .replace(/\b(url|applicationSid|twiml|sipAuthUsername|sipAuthPassword)\b/g, pascal)
    .replace(/\bwhen to is\b/, "when To is")

const targetMissing = "is required: give exactly one of url, applicationSid or twiml"

/** @internal */
export const details = (error: ParseResult.ParseError): Arr.NonEmptyReadonlyArray<Detail> => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const result = issues.map(({ _tag, message, path }): Detail => {
    const parameter = path.length > 0 ? pascal(String(path[0])) : "request"
    if (parameter === "Url" && message === targetMissing) {
      return { code: 21205, message: "Url or an ApplicationSid must be included." }
    }
    const missing = _tag === "Missing"
    const code = message.startsWith("cannot be combined with") ? 21205 : codeOf(parameter, missing)
    return { code, message: `${parameter} ${missing ? "is required" : sentNames(message)}` }
  })
  return result.length > 0 ? result as unknown as Arr.NonEmptyReadonlyArray<Detail> : [{ code: 21200, message: error.message }]
}

/** Create Call's 400: every broken rule, in the errors-array shape. @internal */
export const createCallRejected = (error: ParseResult.ParseError): ErrorAnswer => make(400, "errors", details(error))

/** 400 of the other operations: the first broken rule, in the object shape. @internal */
export const parametersRejected = (error: ParseResult.ParseError): ErrorAnswer => make(400, "object", [details(error)[0]])

/** A query parameter that is not what the API accepts. @internal */
export const invalidParameter = (parameter: string, rule: string): ErrorAnswer =>
  make(400, "object", [{ code: 21200, message: `${parameter} ${rule}` }])
