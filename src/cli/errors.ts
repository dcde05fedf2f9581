/** A mistake in how preclear was called (a flag's value, a missing terminal…): exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
