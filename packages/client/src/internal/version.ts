/** @internal The package's version (a test checks it against package.json). */
export const version = "0.1.0"

/** @internal */
export const userAgent = `effect-signalwire/${version} (@effect-signalwire/client)`
