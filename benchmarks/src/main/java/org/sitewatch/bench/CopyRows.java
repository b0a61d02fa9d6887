package org.sitewatch.bench;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import org.sitewatch.common.CheckResult;

/** check_result rows in PostgreSQL's COPY text format, in the column order of {@link #COLUMNS}. */
final class CopyRows {

  static final String COLUMNS =
      "id, site_id, url, started_at, duration_us, http_status, regex_matched, status, reason,"
          + " message";

  private CopyRows() {}

  static void write(Writer out, CheckResult r) throws IOException {
    out.write(r.id().toString());
    out.write('\t');
    text(out, r.siteId());
    out.write('\t');
    text(out, r.url());
    out.write('\t');
    out.write(r.startedAt().toString());
    out.write('\t');
    out.write(Long.toString(micros(r.duration())));
    out.write('\t');
    out.write(r.httpStatus() == null ? "\\N" : r.httpStatus().toString());
    out.write('\t');
    out.write(r.regexMatched() == null ? "\\N" : r.regexMatched() ? "t" : "f");
    out.write('\t');
    out.write(r.outcome().status().name());
    out.write('\t');
    out.write(r.outcome().reason() == null ? "\\N" : r.outcome().reason().name());
    out.write('\t');
    text(out, r.outcome().message());
    out.write('\n');
  }

  /** Escapes what COPY's text format treats specially; null as \N. */
  static void text(Writer out, String value) throws IOException {
    if (value == null) {
      out.write("\\N");
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.write("\\\\");
        case '\t' -> out.write("\\t");
        case '\n' -> out.write("\\n");
        case '\r' -> out.write("\\r");
        default -> out.write(c);
      }
    }
  }

  private static long micros(Duration d) {
    return d.getSeconds() * 1_000_000L + d.getNano() / 1_000L;
  }
}
