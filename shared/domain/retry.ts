/**
 * Repeats a write that must not be left undone (settling a notification claim, taking back a
 * refused complaint) when it throws, with backoff, for about three seconds in all: long enough to
 * ride out a database restart or a dropped connection, short enough for a request to still answer.
 * The write itself must be safe to repeat and must not throw for an outcome that is final.
 */
export async function persistently(write: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}
