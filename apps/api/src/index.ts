/**
 * @kontakt/api — the HTTP API v1.
 */
export { type AppType, createApp } from "./app.js"
export { OWASP_SCRYPT, type PasswordHasher, scryptHasher } from "./auth/password.js"
export type { AppDeps, Services } from "./runtime.js"
export { type RunningServer, type ServerOptions, startServer } from "./server.js"
