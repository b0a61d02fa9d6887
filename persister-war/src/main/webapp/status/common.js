/* Sitewatch status page: what the list and the site page share. Plain browser JavaScript. */
"use strict";

const Sitewatch = (function () {
  /** A positive number from a query parameter, or the default. */
  function positiveNumber(text, fallback) {
    const n = Number(text);
    return text !== null && Number.isFinite(n) && n > 0 ? n : fallback;
  }

  /** An HTTP error with the status, so callers can tell "not there" (404) from a failure. */
  class HttpError extends Error {
    constructor(status, text) {
      super(text ? "HTTP " + status + ": " + text : "HTTP " + status);
      this.status = status;
    }
  }

  /**
   * GET a URL as JSON; resolves once the headers are in, to {response, body}, body a promise of
   * the parsed JSON: a caller can act on the headers (a next page) while the body still arrives.
   */
  async function getJsonLater(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let text = "";
      try {
        const body = await response.json();
        text = body && body.error ? body.error : "";
      } catch (ignored) {
        // not JSON: the status says enough
      }
      throw new HttpError(response.status, text);
    }
    return { body: response.json(), response: response };
  }

  /** GET a URL as JSON; resolves to {body, response}. */
  async function getJson(url) {
    const { body, response } = await getJsonLater(url);
    return { body: await body, response: response };
  }

  /** The rel="next" URL of a Link header, or null. */
  function nextLink(header) {
    if (!header) {
      return null;
    }
    for (const part of header.split(",")) {
      const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
      if (match && /rel\s*=\s*"?next"?/.test(match[2])) {
        return new URL(match[1], location.href).href;
      }
    }
    return null;
  }

  function formatMs(ms) {
    if (ms === null || ms === undefined || !Number.isFinite(ms)) {
      return "–";
    }
    return ms >= 1000 ? (ms / 1000).toFixed(2) + " s" : Math.round(ms) + " ms";
  }

  function formatPercent(value) {
    if (value === null || value === undefined || !Number.isFinite(value)) {
      return "–";
    }
    return (value >= 99.995 ? "100" : value.toFixed(2)) + "%";
  }

  /** "3 min", "2 h 5 min", "4 d 1 h" for a length of time in milliseconds. */
  function formatSpan(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) {
      return s + " s";
    }
    const m = Math.floor(s / 60);
    if (m < 60) {
      return m + " min";
    }
    const h = Math.floor(m / 60);
    if (h < 48) {
      return h + " h " + (m % 60) + " min";
    }
    return Math.floor(h / 24) + " d " + (h % 24) + " h";
  }

  function formatTime(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? "–" : d.toLocaleString();
  }

  /** The colour class of an uptime percentage (null: no checks). */
  function uptimeClass(value) {
    if (value === null || value === undefined) {
      return "none";
    }
    if (value >= 99.9) {
      return "good";
    }
    if (value >= 99) {
      return "fair";
    }
    return value >= 95 ? "poor" : "bad";
  }

  /** A new element with attributes and children (strings become text, never HTML). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, value);
      }
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(child);
      }
    }
    return node;
  }

  /** One site of /api/sites as the page shows it. */
  function normaliseSite(s) {
    return {
      id: s.siteId,
      name: s.name || s.siteId,
      url: s.url || "",
      labels: s.labels || {},
      state: s.state || s.status || "UNKNOWN",
      since: s.stateSince || null,
      lastCheckedAt: s.lastCheckedAt || null,
      durationMs: typeof s.durationMs === "number" ? s.durationMs : null,
      reason: s.reason || null,
      message: s.message || null,
      uptime: s.uptime || null,
      daily: s.daily && Array.isArray(s.daily.uptime) ? s.daily : null,
    };
  }

  return {
    positiveNumber,
    HttpError,
    getJson,
    getJsonLater,
    nextLink,
    formatMs,
    formatPercent,
    formatSpan,
    formatTime,
    uptimeClass,
    el,
    normaliseSite,
  };
})();
