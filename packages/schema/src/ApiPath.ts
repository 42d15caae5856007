/**
 * Where the Calls API lives on a space: the documented base path and the paths of the Calls
 * resources under it. One definition for the client that builds requests and the emulator that
 * serves them.
 *
 * @since 0.1.0
 */

/**
 * The version every path and resource of the Compatibility API carries (`api_version`).
 *
 * @since 0.1.0
 * @category paths
 * @example
 * ```ts
 * import { ApiPath } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(ApiPath.apiVersion, "2010-04-01")
 * assert.ok(ApiPath.basePath.endsWith(ApiPath.apiVersion))
 * ```
 */
export const apiVersion = "2010-04-01"

/**
 * The documented base of the Compatibility (LaML) API: `https://{space}/api/laml/2010-04-01`.
 *
 * @since 0.1.0
 * @category paths
 * @example
 * ```ts
 * import { ApiPath } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(`https://example.signalwire.com${ApiPath.basePath}`, "https://example.signalwire.com/api/laml/2010-04-01")
 * ```
 */
export const basePath = `/api/laml/${apiVersion}`

/**
 * Where the official SDK sends the same requests (`https://{space}/2010-04-01`); SignalWire
 * answers both.
 *
 * @since 0.1.0
 * @category paths
 * @example
 * ```ts
 * import { ApiPath } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(ApiPath.sdkBasePath, "/2010-04-01")
 * ```
 */
export const sdkBasePath = `/${apiVersion}`

/**
 * The Calls collection of a project: create (`POST`) and list (`GET`).
 *
 * @since 0.1.0
 * @category paths
 * @example
 * ```ts
 * import { ApiPath } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(ApiPath.calls("b3877c40-da60-4998-90ad-b792e98472af"), "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls")
 * ```
 */
export const calls = (accountSid: string): string => `${basePath}/Accounts/${accountSid}/Calls`

/**
 * One call of a project: fetch (`GET`), update (`POST`) and delete (`DELETE`). The sid is
 * percent-encoded as a path segment.
 *
 * @since 0.1.0
 * @category paths
 * @example
 * ```ts
 * import { ApiPath } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(
 *   ApiPath.call("b3877c40-da60-4998-90ad-b792e98472af", "b3877c40-da60-4998-90ad-b792e98472ca"),
 *   "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls/b3877c40-da60-4998-90ad-b792e98472ca"
 * )
 * ```
 */
export const call = (accountSid: string, callSid: string): string => `${calls(accountSid)}/${encodeURIComponent(callSid)}`
