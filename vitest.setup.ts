import { addEqualityTesters } from "@effect/vitest"
import * as FastCheck from "effect/FastCheck"

// Compare Effect data types (Option, Either, Data, Schema classes) by value in assertions.
addEqualityTesters()

// FC_SEED=<integer> replays the property tests of a run (`npm run test:repeat` prints the seed of
// each run it reports); without it every run draws fresh inputs.
const seed = process.env.FC_SEED
if (seed !== undefined && seed !== "") {
  if (!/^-?\d+$/.test(seed)) throw new Error(`FC_SEED must be an integer (got ${JSON.stringify(seed)})`)
  FastCheck.configureGlobal({ ...FastCheck.readConfigureGlobal(), seed: Number(seed) })
}
