// Copied by `npm run build` from scripts/templates/healthchecks/ensure-check.ts, where it is edited and type-checked. Do not edit this copy.
// Idempotent check creation on top of `unique`: POST /api/v1/checks/ creates a check (201) or,
// when a check with the same values of the `unique` fields exists, updates and returns it (200).
import type { Client } from "openapi-fetch";
import { unwrap } from "../runtime/index.js";
import type { components, paths } from "./schema.js";

export type Check = components["schemas"]["Check"];
/** The fields `unique` can match on. */
export type UniqueField = NonNullable<components["schemas"]["CheckCreate"]["unique"]>[number];
/** The body of createCheck without `unique` (ensureCheck sets it). */
export type CheckFields = components["schemas"]["CheckCreate"] & { unique?: never };

export interface EnsureCheckResult {
  check: Check;
  /** true: the server created the check (201); false: it matched an existing one (200), now updated with `fields`. */
  created: boolean;
}

/**
 * Creates the check described by `fields` unless one with the same values of the `unique` fields
 * exists, in which case the server updates that one with `fields` and returns it.
 *
 *     const { check, created } = await ensureCheck(client, { name: "backups", timeout: 86400 }, ["name"]);
 *
 * Each `unique` field must be present in `fields` (a listed `timeout` or `grace` that is absent
 * makes the server fail with a 500), and the list must not be empty (nothing would ever match).
 * Throws TypeError for either, ApiError when the server refuses.
 */
export async function ensureCheck<F extends CheckFields>(
  client: Client<paths>,
  fields: F,
  unique: readonly Extract<UniqueField, keyof F>[],
): Promise<EnsureCheckResult> {
  if (unique.length === 0) throw new TypeError("ensureCheck: `unique` needs at least one field");
  const missing = unique.filter((field) => fields[field as keyof F] === undefined);
  if (missing.length > 0) throw new TypeError(`ensureCheck: unique field(s) ${missing.join(", ")} not given in fields`);
  const result = await client.POST("/api/v1/checks/", { body: { ...fields, unique: [...unique] } });
  const check = unwrap(result);
  return { check, created: result.response.status === 201 };
}
