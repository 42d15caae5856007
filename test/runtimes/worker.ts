/**
 * The matrix app as a Cloudflare Worker: the configuration comes from the Worker's `env`
 * bindings (there is no `process.env` on Workers); a scenario may override some of them, so one
 * worker serves the matrix's failing cases too.
 */
import { runScenarios, type Scenario } from "./app.js"

export default {
  async fetch(request: Request, env: Record<string, unknown>): Promise<Response> {
    const bindings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    const scenarios: ReadonlyArray<Scenario> = await request.json()
    return Response.json(await runScenarios(scenarios.map((scenario) => ({ ...scenario, env: { ...bindings, ...scenario.env } }))))
  }
}
