/**
 * Size baseline: Effect's core runtime alone (run one effect), for scale.
 */
import * as Effect from "effect/Effect"

Effect.runFork(Effect.log("effect core"))
