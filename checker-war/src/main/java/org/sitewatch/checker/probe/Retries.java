package org.sitewatch.checker.probe;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Makes an attempt again, at once, while it asks for another and attempts are left: a quick
 * re-probe before a site is reported DOWN, so one lost packet does not page anyone.
 */
final class Retries {

  /** The last attempt's value and how many attempts were made. */
  record Counted<T>(T last, int attempts) {}

  private Retries() {}

  /**
   * @param maxAttempts at least 1
   * @param attempt starts one attempt
   * @param again whether an attempt's value calls for another
   */
  static <T> CompletionStage<Counted<T>> run(
      int maxAttempts, Supplier<CompletionStage<T>> attempt, Predicate<T> again) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts " + maxAttempts + " is less than 1");
    }
    return from(1, maxAttempts, attempt, again);
  }

  private static <T> CompletionStage<Counted<T>> from(
      int number, int maxAttempts, Supplier<CompletionStage<T>> attempt, Predicate<T> again) {
    return attempt
        .get()
        .thenCompose(
            value ->
                number < maxAttempts && again.test(value)
                    ? from(number + 1, maxAttempts, attempt, again)
                    : CompletableFuture.completedFuture(new Counted<>(value, number)));
  }
}
