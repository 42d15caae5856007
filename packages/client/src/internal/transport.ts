/**
 * @internal
 * Telling "never sent" from "maybe processed". Every HttpClient reports both as a `Transport`
 * RequestError; only the cause chain says which, and each runtime words it differently
 * (measured 2026-11-30, the table in docs/errors-and-retries.md):
 *
 * - Node (fetch, undici, node:http), Bun, edge-runtime: a system error `code` somewhere in the
 *   chain (fetch wraps it in `TypeError: fetch failed`, Node may group several in an
 *   `AggregateError`). `ECONNREFUSED`/`ENOTFOUND` are connect-phase; a failed TLS handshake is
 *   `ERR_SSL_*` (fetch, undici) or `EPROTO` (node:http, Bun); a rejected certificate is an
 *   OpenSSL verify code such as `DEPTH_ZERO_SELF_SIGNED_CERT`.
 * - Deno: no code anywhere, only a message. hyper's `client error (Connect)` marks a failure
 *   while connecting (TCP, DNS or TLS), before the request was written; `(SendRequest)` and a
 *   bare `Connection reset by peer` come after.
 * - workerd: `Network connection lost.` both for a refused connection and for one lost after
 *   sending, and `internal error; reference = ...` for DNS and TLS failures. It cannot tell, so
 *   neither do we: those stay "maybe processed".
 */
import * as Predicate from "effect/Predicate"

/** Codes raised before a connection exists, so before any byte of the request was sent. */
const connectCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT"
])

/**
 * OpenSSL's certificate verification results as Node and Bun name them (`CERT_HAS_EXPIRED`,
 * `DEPTH_ZERO_SELF_SIGNED_CERT`, `SELF_SIGNED_CERT_IN_CHAIN`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`,
 * `UNABLE_TO_GET_ISSUER_CERT_LOCALLY`, `ERR_TLS_CERT_ALTNAME_INVALID`, `HOSTNAME_MISMATCH`,
 * `INVALID_CA`...): a pattern rather than a list, which would cost the bundle more.
 */
const isCertificateCode = (code: string): boolean => /CERT|HOSTNAME_MISMATCH|INVALID_CA/.test(code)

/** A TLS handshake that failed (wrong protocol on the port, no common cipher...). */
const isHandshakeCode = (code: string): boolean => code === "EPROTO" || code.startsWith("ERR_SSL_")

/** Deno's only marker: hyper's error kind for a failure while connecting. */
const denoConnectMarker = "client error (Connect)"
const denoSocketFailure = /tcp connect error|dns error/
const denoCertificateFailure = /certificate/i

const maxDepth = 8

/** What the walk reads of an error in the chain: any of it may be missing, or of another type. */
interface Link {
  readonly cause?: unknown
  readonly errors?: unknown
  readonly code?: unknown
}

/** The objects of a cause chain, depth first: `cause`, then an `AggregateError`'s `errors`. */
function* chainOf(error: unknown, depth = 0): Generator<Link> {
  if (depth > maxDepth || !Predicate.isObject(error)) return
  const link: Link = error
  yield link
  yield* chainOf(link.cause, depth + 1)
  if (Array.isArray(link.errors)) for (const inner of link.errors) yield* chainOf(inner, depth + 1)
}

const codeOf = (link: Link): string | undefined => typeof link.code === "string" ? link.code : undefined

const messageOf = (link: Link): string => link instanceof Error ? link.message : ""

/** @internal A request that provably never left: what stopped it. */
export interface NotSent {
  readonly reason: "Connect" | "Tls"
  readonly code: string | undefined
  readonly detail: string
}

// Short on purpose (every byte is in users' bundles); docs/errors-and-retries.md says more.
const tlsAdvice = {
  handshake: "TLS failed: the server does not speak HTTPS on this port (an http:// address?)",
  certificate: "TLS certificate was rejected (a wrong space URL, or a proxy whose CA is not trusted?)"
}

const tls = (kind: keyof typeof tlsAdvice, cause: unknown, code: string | undefined): NotSent => ({
  reason: "Tls",
  code,
  detail: `${tlsAdvice[kind]} (${describeCause(cause)})`
})

/**
 * @internal
 * What stopped a request that was provably never sent, or `undefined` when it may have been
 * (then the caller must treat the outcome as unknown). A chain is "never sent" only when every
 * coded error in it is a connect-phase or TLS code (or, on Deno, a message marks the connect
 * phase).
 */
export const notSent = (error: unknown): NotSent | undefined => {
  const chain = Array.from(chainOf(error))
  const codes = chain.map(codeOf).filter((code): code is string => code !== undefined)
  if (codes.length > 0) {
    const certificate = codes.find(isCertificateCode)
    const handshake = codes.find(isHandshakeCode)
    const allBeforeSending = codes.every((code) => connectCodes.has(code) || isCertificateCode(code) || isHandshakeCode(code))
    if (!allBeforeSending) return undefined
    if (certificate !== undefined) return tls("certificate", error, certificate)
    if (handshake !== undefined) return tls("handshake", error, handshake)
    return { reason: "Connect", code: codes[codes.length - 1]!, detail: describeCause(error) }
  }
  const connecting = chain.map(messageOf).find((message) => message.includes(denoConnectMarker))
  if (connecting === undefined) return undefined
  if (denoSocketFailure.test(connecting)) return { reason: "Connect", code: undefined, detail: describeCause(error) }
  return tls(denoCertificateFailure.test(connecting) ? "certificate" : "handshake", error, undefined)
}

/** @internal A one-line description of a cause chain: messages and codes, never objects. */
export const describeCause = (error: unknown): string => {
  const parts = Array.from(chainOf(error)).flatMap((cause) => {
    // OpenSSL's messages end in a newline and name its own source file: keep the first line.
    const message = messageOf(cause).split("\n")[0]!.trim()
    const code = codeOf(cause)
    const text = code === undefined || message.includes(code) ? message : `${message} (${code})`
    return text === "" ? [] : [text]
  })
  // A string or a number (or an error saying nothing) is shown as it is.
  return parts.length === 0 ? String(error) : [...new Set(parts)].join(": ")
}
