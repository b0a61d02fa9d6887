package org.sitewatch.persister.history;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips the API's JSON for clients that accept it: a status page of thousands of sites reads
 * megabytes at every refresh, which gzip shrinks tenfold. The server's own compression leaves these
 * streamed responses alone, as their length is not known up front.
 */
public class GzipResponses implements WriterInterceptor {

  @Context HttpHeaders request;

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    context.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    if (!acceptsGzip(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING))) {
      context.proceed();
      return;
    }
    context.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, "gzip");
    GZIPOutputStream gzip = new GZIPOutputStream(context.getOutputStream());
    context.setOutputStream(gzip);
    context.proceed();
    gzip.finish();
  }

  /** Whether an Accept-Encoding header names gzip without refusing it ({@code q=0}). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
      String[] parts = coding.split(";");
      if (parts[0].trim().equals("gzip")) {
        return parts.length == 1 || !parts[1].replace(" ", "").matches("q=0(\\.0*)?");
      }
    }
    return false;
  }
}
