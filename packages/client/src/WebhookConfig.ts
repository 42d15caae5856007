/**
 * What a webhook receiver needs to check that a request came from SignalWire: the project's
 * **Signing Key** (Dashboard → API → Signing Key; it is not the API token, and a key used by
 * mistake fails every callback with 403), and how to know the URL SignalWire called, which the
 * signature covers:
 *
 * - `publicUrl`: the origin SignalWire calls (`https://app.example.com`, or with a path prefix
 *   a proxy strips: `https://example.com/voice`), followed by the path and query the server
 *   received. The safest choice behind a proxy or a tunnel.
 * - otherwise, with `trustProxy: true`, the scheme and host from `X-Forwarded-Proto` /
 *   `X-Forwarded-Host` (only when a proxy you control sets them: anyone can send them);
 * - otherwise the URL the server saw (the full URL of a fetch `Request`, or `http://` + the
 *   `Host` header on a Node server).
 *
 * `layerConfig` reads `SIGNALWIRE_SIGNING_KEY` (required, `Redacted`) and
 * `SIGNALWIRE_WEBHOOK_URL` (optional, the `publicUrl`).
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly signingKey: Redacted.Redacted<string>
  /** The public origin (and path prefix) SignalWire calls, without a trailing slash. */
  readonly publicUrl: string | undefined
  /** Whether `X-Forwarded-Proto` / `X-Forwarded-Host` are believed when there is no `publicUrl`. */
  readonly trustProxy: boolean
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * ```ts
 * import { WebhookConfig } from "@effect-signalwire/client"
 * import * as Effect from "effect/Effect"
 *
 * const publicUrl = Effect.map(WebhookConfig.WebhookConfig, (config) => config.publicUrl)
 * ```
 */
export class WebhookConfig extends Context.Tag("@effect-signalwire/client/WebhookConfig")<WebhookConfig, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The project's Signing Key (not the API token). */
  readonly signingKey: Redacted.Redacted<string>
  /** `https://app.example.com` or `https://example.com/prefix`: no query, no fragment. */
  readonly publicUrl?: string | undefined
  /** Default: false. */
  readonly trustProxy?: boolean | undefined
}

const publicUrlRule = "an http(s) URL such as https://app.example.com (optionally with a path prefix), without query or fragment"

/**
 * Checks the options: a non-empty key, a `publicUrl` that is an http(s) origin with an optional
 * path prefix. The error names the option, never the key's value.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { WebhookConfig } from "@effect-signalwire/client"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * Effect.runPromise(Effect.either(WebhookConfig.make({ signingKey: Redacted.make("PSxxxxxxxx"), publicUrl: "app.example.com?x" })))
 *   .then((result) => console.log(result._tag)) // "Left": publicUrl is not an http(s) URL
 * ```
 */
export const make = (options: Options): Effect.Effect<Service, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    if (!Redacted.isRedacted(options.signingKey) || Redacted.value(options.signingKey) === "") {
      return yield* Effect.fail(ConfigError.InvalidData(["signingKey"], "expected the project's Signing Key, as a non-empty Redacted"))
    }
    let publicUrl: string | undefined
    if (options.publicUrl !== undefined) {
      const parsed = Option.liftThrowable(() => new URL(options.publicUrl!))()
      if (
        Option.isNone(parsed) || (parsed.value.protocol !== "https:" && parsed.value.protocol !== "http:") ||
        parsed.value.search !== "" || parsed.value.hash !== "" || /[?#]/.test(options.publicUrl)
      ) {
        return yield* Effect.fail(
          ConfigError.InvalidData(["publicUrl"], `expected ${publicUrlRule}, got ${JSON.stringify(options.publicUrl)}`)
        )
      }
      publicUrl = options.publicUrl.replace(/\/+$/, "")
    }
    return { signingKey: options.signingKey, publicUrl, trustProxy: options.trustProxy ?? false }
  })

/**
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { WebhookConfig } from "@effect-signalwire/client"
 * import * as Redacted from "effect/Redacted"
 *
 * export const WebhookConfigLive = WebhookConfig.layer({
 *   signingKey: Redacted.make("PSxxxxxxxx"),
 *   publicUrl: "https://app.example.com"
 * })
 * ```
 */
export const layer = (options: Options): Layer.Layer<WebhookConfig, ConfigError.ConfigError> =>
  Layer.effect(WebhookConfig, make(options))

/**
 * Where `layerConfig` reads each value unless told otherwise.
 *
 * @since 0.1.0
 * @category defaults
 * @example
 * ```ts
 * import { WebhookConfig } from "@effect-signalwire/client"
 *
 * console.log(WebhookConfig.environmentVariables.signingKey) // "SIGNALWIRE_SIGNING_KEY"
 * ```
 */
export const environmentVariables = {
  signingKey: "SIGNALWIRE_SIGNING_KEY",
  publicUrl: "SIGNALWIRE_WEBHOOK_URL"
} as const

/**
 * The configuration from the `ConfigProvider` (the environment by default): the Signing Key from
 * `SIGNALWIRE_SIGNING_KEY`, the public URL from `SIGNALWIRE_WEBHOOK_URL` if set. Each can be
 * replaced by another `Config`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { WebhookConfig } from "@effect-signalwire/client"
 *
 * // Behind a proxy you run, which sets X-Forwarded-Proto and X-Forwarded-Host:
 * export const WebhookConfigLive = WebhookConfig.layerConfig({ trustProxy: true })
 * ```
 */
export const layerConfig = (options?: {
  readonly signingKey?: Config.Config<Redacted.Redacted<string>> | undefined
  readonly publicUrl?: Config.Config<string | undefined> | undefined
  readonly trustProxy?: boolean | undefined
}): Layer.Layer<WebhookConfig, ConfigError.ConfigError> =>
  Layer.effect(
    WebhookConfig,
    Effect.gen(function*() {
      const values = yield* Config.all({
        signingKey: options?.signingKey ?? Config.redacted(environmentVariables.signingKey),
        publicUrl: options?.publicUrl ??
          Config.map(Config.option(Config.string(environmentVariables.publicUrl)), Option.getOrUndefined)
      })
      return yield* make({ ...values, trustProxy: options?.trustProxy })
    })
  )
