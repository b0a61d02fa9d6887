package org.sitewatch.persister.history;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A query parameter that takes one of a few names. */
public final class ParameterChoice {

  private ParameterChoice() {}

  /**
   * The choice named {@code text}.
   *
   * @throws InvalidParameterException naming {@code parameter} and the choices, when none is
   */
  public static <E> E parse(String parameter, String text, E[] choices, Function<E, String> name) {
    return Arrays.stream(choices)
        .filter(choice -> name.apply(choice).equals(text.strip()))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidParameterException(
                    parameter,
                    parameter
                        + " must be one of "
                        + Arrays.stream(choices).map(name).collect(Collectors.joining(", "))
                        + ", got '"
                        + text
                        + "'"));
  }
}
