/**
 * The Calls operations by method and path (under a base path): the one table the routes of
 * `EmulatorServer` are built from and `FaultMiddleware` names a request's operation with.
 *
 * @internal
 */
import { ApiPath } from "@effect-signalwire/schema"
import type * as Fault from "../Fault.js"

/** @internal */
export interface Route {
  readonly operation: Fault.Operation
  readonly method: "GET" | "POST" | "DELETE"
  readonly path: `/${string}`
}

/** @internal */
export const routes: ReadonlyArray<Route> = [
  { operation: "createCall", method: "POST", path: "/Accounts/:accountSid/Calls" },
  { operation: "createCall", method: "POST", path: "/Accounts/:accountSid/Calls.json" },
  { operation: "listCalls", method: "GET", path: "/Accounts/:accountSid/Calls" },
  { operation: "listCalls", method: "GET", path: "/Accounts/:accountSid/Calls.json" },
  { operation: "fetchCall", method: "GET", path: "/Accounts/:accountSid/Calls/:callSid" },
  { operation: "updateCall", method: "POST", path: "/Accounts/:accountSid/Calls/:callSid" },
  { operation: "deleteCall", method: "DELETE", path: "/Accounts/:accountSid/Calls/:callSid" }
]

/** @internal */
export const basePaths = [ApiPath.basePath, ApiPath.sdkBasePath] as const

/** @internal */
export const adminPath = "/__emulator"

const patterns = routes.map((route) => ({
  ...route,
  // `:name` is one path segment, as the router reads it.
  pattern: new RegExp(`^${route.path.replaceAll(".", "\\.").replaceAll(/:[A-Za-z]+/g, "[^/]+")}$`)
}))

/** @internal */
export const isAdmin = (path: string): boolean => path === adminPath || path.startsWith(`${adminPath}/`)

/** The operation a request's method and path (without its query) name, and its `AccountSid`. */
export const classify = (method: string, path: string): {
  readonly operation: Fault.Operation | undefined
  readonly accountSid: string | undefined
} => {
  const accountSid = /\/Accounts\/([^/?]+)/.exec(path)?.[1]
  const base = basePaths.find((base) => path.startsWith(`${base}/`))
  const rest = base === undefined ? undefined : path.slice(base.length)
  const route = rest === undefined ? undefined : patterns.find((route) => route.method === method && route.pattern.test(rest))
  return { operation: route?.operation, accountSid }
}
