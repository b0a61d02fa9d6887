package org.sitewatch.persister.history;

/** The body of an error response. */
public record ErrorView(String error) {}
