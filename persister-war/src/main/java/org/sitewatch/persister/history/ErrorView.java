package org.sitewatch.persister.history;

/** The body of an error response; {@code parameter} names the bad query parameter, if one was. */
public record ErrorView(String error, String parameter) {

  public ErrorView(String error) {
    this(error, null);
  }
}
