package org.sitewatch.persister.badge;

/**
 * A flat two-part SVG badge, as shields.io draws them: a grey label and a coloured value. Text
 * widths are estimated from the character count (no font metrics on the server), generously.
 */
record Badge(String label, String value, Colour colour) {

  /** The colours a badge's value may take. */
  enum Colour {
    GREEN("#4c1"),
    YELLOW_GREEN("#a4a61d"),
    YELLOW("#dfb317"),
    RED("#e05d44"),
    GREY("#9f9f9f");

    private final String fill;

    Colour(String fill) {
      this.fill = fill;
    }
  }

  private static final int CHAR_WIDTH = 7;
  private static final int PADDING = 10;

  String svg() {
    int labelWidth = width(label);
    int valueWidth = width(value);
    int total = labelWidth + valueWidth;
    String title = escaped(label + ": " + value);
    return """
        <svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="20" role="img" aria-label="%2$s">\
        <title>%2$s</title>\
        <rect width="%3$d" height="20" fill="#555"/>\
        <rect x="%3$d" width="%4$d" height="20" fill="%5$s"/>\
        <g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">\
        <text x="%6$d" y="14">%7$s</text><text x="%8$d" y="14">%9$s</text></g></svg>
        """
        .formatted(
            total,
            title,
            labelWidth,
            valueWidth,
            colour.fill,
            labelWidth / 2,
            escaped(label),
            labelWidth + valueWidth / 2,
            escaped(value));
  }

  private static int width(String text) {
    return text.length() * CHAR_WIDTH + PADDING;
  }

  private static String escaped(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
