package org.sitewatch.persister.uptime;

/** Response times in milliseconds, estimated from the duration histogram; null without checks. */
public record ResponseTimeView(Double mean, Double p50, Double p95, Double p99) {}
