/**
 * @internal
 * Telling "never sent" from "maybe processed". Every HttpClient reports both as a `Transport`
 * RequestError; only the cause chain (fetch wraps the system error in `TypeError: fetch failed`,
 * Node may wrap several in an `AggregateError`) holds the system error code.
 */

/** Codes raised before a connection exists, so before any byte of the request was sent. */
const connectPhaseCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT"
])

const maxDepth = 8

const causes = (error: unknown, depth = 0): Array<unknown> => {
  if (depth > maxDepth || typeof error !== "object" || error === null) return []
  const nested: Array<unknown> = []
  if ("cause" in error) nested.push(...causes(error.cause, depth + 1))
  if ("errors" in error && Array.isArray(error.errors)) {
    for (const inner of error.errors) nested.push(...causes(inner, depth + 1))
  }
  return [error, ...nested]
}

const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined

/** @internal The connect-phase code in the chain, if every coded error in it is one. */
export const isConnectPhase = (error: unknown): string | undefined => {
  const codes = causes(error).map(codeOf).filter((code): code is string => code !== undefined)
  return codes.length > 0 && codes.every((code) => connectPhaseCodes.has(code)) ? codes[codes.length - 1] : undefined
}

/** @internal A one-line description of a cause chain: messages and codes, never objects. */
export const describeCause = (error: unknown): string => {
  if (typeof error === "string") return error
  const parts = causes(error).flatMap((cause) => {
    const message = cause instanceof Error ? cause.message : ""
    const code = codeOf(cause)
    const text = code === undefined || message.includes(code) ? message : `${message} (${code})`
    return text === "" ? [] : [text]
  })
  return parts.length === 0 ? String(error) : [...new Set(parts)].join(": ")
}
