import { defineProject, mergeConfig } from "vitest/config"
import shared from "../vitest.shared.js"

// Tests of the repository itself (not of a package): it must stand on its own files.
export default mergeConfig(shared, defineProject({ test: { name: "repository" } }))
