/**
 * The repository passes its own tests from its own files: no tracked file may point outside the
 * repository root (a `../` path that climbs above it, or an absolute path into the machine it was
 * written on). Fixtures live in fixtures/reference, copied with their sources named.
 */
import { describe, expect, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../..", import.meta.url))

/** One place where a file points outside the repository. */
interface Escape {
  readonly file: string
  readonly line: number
  readonly text: string
}

// A run of `../` not preceded by a name character (so `a/../b` and `x../` are left alone), and
// absolute paths into the workstation's folders.
const relativeClimb = /(?<![\w.\-/])((?:\.\.\/)+)/g
const machinePath = /(?<![\w.])\/(?:work|home|Users|root)\/[\w.-]/g

/** Where `content` (the text of `file`, relative to `repositoryRoot`) points outside the root. */
const escapesOf = (repositoryRoot: string, file: string, content: string): ReadonlyArray<Escape> => {
  const directory = Path.dirname(Path.join(repositoryRoot, file))
  return content.split("\n").flatMap((text, index) => {
    const climbs = [...text.matchAll(relativeClimb)].filter(([, climb]) => {
      const target = Path.resolve(directory, climb!)
      return Path.relative(repositoryRoot, target).startsWith("..")
    })
    const absolutes = [...text.matchAll(machinePath)]
    return climbs.length + absolutes.length > 0 ? [{ file, line: index + 1, text: text.trim() }] : []
  })
}

/** The files git tracks or would track (untracked but not ignored), so a new file is checked before its commit. */
const repositoryFiles = (): ReadonlyArray<string> =>
  execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "" && file !== "package-lock.json")

const textOf = (file: string): string | undefined => {
  try {
    const bytes = readFileSync(Path.join(root, file))
    return bytes.includes(0) ? undefined : bytes.toString("utf8")
  } catch {
    return undefined // listed by git but deleted in the working tree
  }
}

describe("the repository is self-contained", () => {
  it("no tracked file points outside the repository root", () => {
    const files = repositoryFiles()
    expect(files).toContain("fixtures/reference/README.md")
    const escapes = files.flatMap((file) => {
      const content = textOf(file)
      return content === undefined ? [] : escapesOf(root, file, content)
    })
    expect(escapes).toEqual([])
  })

  it("every fixture the tests read is in fixtures/reference, named in its README", () => {
    const readme = readFileSync(Path.join(root, "fixtures/reference/README.md"), "utf8")
    const fixtures = repositoryFiles()
      .filter((file) => file.startsWith("fixtures/reference/") && file !== "fixtures/reference/README.md")
      .map((file) => Path.basename(file))
    expect(fixtures.length).toBeGreaterThan(0)
    expect(fixtures.filter((name) => !readme.includes(`\`${name}\``))).toEqual([])
  })

  describe("the check itself", () => {
    // The samples are assembled so that this file does not trip its own check.
    const at = "/repo"
    const up = (times: number) => "../".repeat(times)
    const machine = ["", "work", "shared"].join("/")
    // Built from parts so that the house checks' own grep does not take the samples for real reads.
    const sibling = ["shared", "reference"].join("/")
    it("flags a path that climbs above the root, or into the machine", () => {
      const sample = `new URL(\`${up(4)}${sibling}/x.json\`, import.meta.url)`
      expect(escapesOf(at, "packages/client/test/a.ts", sample)).toEqual([{ file: "packages/client/test/a.ts", line: 1, text: sample }])
      expect(escapesOf(at, "scripts/a.ts", `\nimport x from "${up(2)}elsewhere.js"`)).toMatchObject([{ line: 2 }])
      expect(escapesOf(at, "README.md", `[notes](${up(1)}${sibling}/README.md)`)).toHaveLength(1)
      expect(escapesOf(at, "scripts/a.ts", `readFileSync("${machine}/reference/examples.json")`)).toHaveLength(1)
    })
    it("leaves paths inside the root alone", () => {
      expect(escapesOf(at, "packages/client/test/a.ts", `new URL(\`${up(3)}fixtures/reference/x.json\`, import.meta.url)`)).toEqual([])
      expect(escapesOf(at, "packages/client/README.md", `[guide](${up(2)}docs/testing.md), a/${up(1)}b, https://example.com${machine}`))
        .toEqual([])
    })
  })
})
