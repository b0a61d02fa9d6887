package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The persister describes its API in a valid OpenAPI document, every endpoint in it. */
class OpenApiIT {

  /** Every path the persister's API and badges answer. */
  private static final Set<String> SERVED =
      Set.of(
          "/api/sites",
          "/api/sites/{siteId}/results",
          "/api/sites/{siteId}/uptime",
          "/api/sites/{siteId}/series",
          "/api/summary",
          "/api/incidents",
          "/api/sites/{siteId}/incidents",
          "/badge/{siteId}/status.svg",
          "/badge/{siteId}/uptime-{window}.svg",
          "/badge/{siteId}/response-time.svg");

  private static OpenAPI document() {
    HttpResponse<String> response = Stack.get(Stack.persister("/openapi?format=JSON"));
    assertEquals(200, response.statusCode(), response.body());
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(response.body(), null, options);
    assertEquals(List.of(), result.getMessages(), "the document is valid OpenAPI");
    assertNotNull(result.getOpenAPI(), response.body());
    return result.getOpenAPI();
  }

  @Test
  void theDocumentIsValidAndHoldsEveryPathTheServerAnswers() {
    OpenAPI api = document();
    assertTrue(api.getOpenapi().startsWith("3."), api.getOpenapi());
    assertEquals(SERVED, new TreeSet<>(api.getPaths().keySet()), "the documented paths");
    api.getPaths()
        .forEach(
            (path, item) -> {
              Operation get = item.getGet();
              assertNotNull(get, path + " documents its GET");
              assertNotNull(get.getSummary(), path + " says what it does");
              assertTrue(get.getResponses().containsKey("200"), path + " documents 200");
              if (path.contains("{siteId}")) {
                assertTrue(get.getResponses().containsKey("404"), path + " documents 404");
              }
              for (Parameter parameter :
                  get.getParameters() == null ? List.<Parameter>of() : get.getParameters()) {
                assertFalse(
                    "query".equals(parameter.getIn())
                        && parameter.getDescription() == null
                        && parameter.getSchema().getEnum() == null,
                    path + " describes its parameter " + parameter.getName());
              }
            });
  }

  @Test
  void everyDocumentedPathIsServed() {
    for (String path : document().getPaths().keySet()) {
      String concrete = path.replace("{siteId}", "openapi-no-such-site").replace("{window}", "24h");
      HttpResponse<String> response = Stack.get(Stack.persister(concrete));
      assertTrue(
          response.statusCode() == 200
              || response.body().contains("no results for site")
              || response.body().contains("unknown site"),
          concrete + " is routed: " + response.statusCode() + " " + response.body());
    }
  }

  @Test
  void theUiToTryTheApiIsServed() {
    assertEquals(200, Stack.get(Stack.persister("/openapi/ui/")).statusCode());
  }
}
