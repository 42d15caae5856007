import { addEqualityTesters } from "@effect/vitest"

// Compare Effect data types (Option, Either, Data, Schema classes) by value in assertions.
addEqualityTesters()
