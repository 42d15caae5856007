/**
 * The matrix app for Vercel's edge-runtime, whose VM evaluates scripts rather than modules: the
 * bundle is an IIFE exposing `runScenarios` on `globalThis`.
 */
import { runScenarios } from "./app.js"

Object.assign(globalThis, { runScenarios })
