package org.sitewatch.infra;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A task on a thread of its own, with the checked exceptions of the task kept intact. */
final class Background {

  /** Like {@link java.util.concurrent.Callable}. */
  @FunctionalInterface
  interface Task<T> {
    T call() throws Exception;
  }

  private Background() {}

  static <T> CompletableFuture<T> supply(String threadName, Task<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(task.call());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            threadName);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** Waits for the result; a failure is rethrown as the task threw it. */
  static <T> T join(CompletableFuture<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) {
        throw (Exception) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }
}
