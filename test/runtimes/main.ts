/**
 * The matrix app's entry on Node, Bun and Deno (all three have `process.argv`): the scenarios come
 * as JSON in the first argument, the outcomes go to stdout as JSON.
 */
import { runScenarios } from "./app.js"

const outcomes = await runScenarios(JSON.parse(process.argv[2] ?? "[]"))
console.log(JSON.stringify(outcomes))
