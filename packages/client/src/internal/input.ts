/**
 * @internal
 * Input that breaks a rule, as an `InvalidRequest` listing every broken rule by field.
 */
import * as CreateCallRequest from "@effect-signalwire/schema/CreateCallRequest"
import * as ParseResult from "effect/ParseResult"
import * as CreateCallError from "../CreateCallError.js"

const toViolation = (operation: string | undefined) => (issue: ParseResult.ArrayFormatterIssue) =>
  new CreateCallError.Violation({
    path: issue.path.map((key) => typeof key === "symbol" ? String(key) : key),
    // The schema's message lists every parameter name: the path already says which key.
    message: issue.message.startsWith("is unexpected")
      ? `is not a ${operation ?? "Create Call"} parameter (names are camelCase)`
      : issue.message
  })

/** @internal */
export const invalidRequest = (error: ParseResult.ParseError, operation?: string): CreateCallError.InvalidRequest =>
  new CreateCallError.InvalidRequest({
    violations: ParseResult.ArrayFormatter.formatErrorSync(error).map(toViolation(operation)) as [
      CreateCallError.Violation,
      ...Array<CreateCallError.Violation>
    ],
    ...(operation !== undefined ? { operation } : {})
  })

const createCallParameters: ReadonlySet<string> = new Set([
  ...Object.keys(CreateCallRequest.CreateCallOptions.fields),
  "url",
  "applicationSid",
  "twiml"
])

const camelCase = (key: string) => `${key.charAt(0).toLowerCase()}${key.slice(1)}`

/**
 * @internal
 * Twilio's SDKs and the REST form name parameters in PascalCase, so `{ To, From, Url }` is what
 * their users try first: one violation says which names to use, instead of one "unexpected"
 * per key and one "missing" per camelCase name.
 */
export const invalidCreateRequest = (error: ParseResult.ParseError, input: unknown): CreateCallError.InvalidRequest => {
  const pascal = typeof input === "object" && input !== null && !Array.isArray(input)
    ? Object.keys(input).filter((key) => key !== camelCase(key) && createCallParameters.has(camelCase(key)))
    : []
  if (pascal.length === 0) return invalidRequest(error)
  const covered = new Set([...pascal, ...pascal.map(camelCase)])
  const others = ParseResult.ArrayFormatter.formatErrorSync(error)
    .filter((issue) => !(issue.path.length === 1 && covered.has(String(issue.path[0]))))
  return new CreateCallError.InvalidRequest({
    violations: [
      new CreateCallError.Violation({
        path: [],
        message: `parameter names are camelCase: use ${pascal.map(camelCase).join(", ")} (not ${pascal.join(", ")})`
      }),
      ...others.map(toViolation(undefined))
    ]
  })
}

/** @internal One broken rule of one field. */
export const violation = (path: ReadonlyArray<string>, message: string, operation: string): CreateCallError.InvalidRequest =>
  new CreateCallError.InvalidRequest({ violations: [new CreateCallError.Violation({ path: [...path], message })], operation })
