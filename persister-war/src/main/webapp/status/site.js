/*
 * One site: response-time chart (uPlot), uptime figures and state changes for 24h/7d/30d, and its
 * latest checks with where and by which checker each was made.
 */
"use strict";

(function () {
  const params = new URLSearchParams(location.search);
  const id = params.get("id") || "";
  const REFRESH_SECONDS = Sitewatch.positiveNumber(params.get("refresh"), 30);
  const WINDOWS = { "24h": 24 * 3600e3, "7d": 7 * 24 * 3600e3, "30d": 30 * 24 * 3600e3 };
  const STEPS = { "24h": "1h", "7d": "1h", "30d": "6h" };
  const LATEST = 10;

  let windowName = WINDOWS[params.get("window")] ? params.get("window") : "24h";
  let plot = null;
  let timer = null;

  const $ = (elementId) => document.getElementById(elementId);
  const siteUrl = (path) => "../api/sites/" + encodeURIComponent(id) + path;

  function showError(message) {
    $("error").textContent = message;
    $("error").hidden = !message;
  }

  /** Header: the site as /api/sites shows it. */
  async function loadHeader() {
    const { body } = await Sitewatch.getJson("../api/sites?limit=1000&q=" + encodeURIComponent(id));
    const found = body.find((s) => s.siteId === id);
    if (!found) {
      return;
    }
    const site = Sitewatch.normaliseSite(found);
    document.title = site.name + " – Sitewatch";
    $("name").textContent = site.name;
    $("state").textContent = site.state;
    $("state").className = "state state-" + site.state.toLowerCase();
    document.body.dataset.state = site.state;
    $("since").textContent = site.since
      ? "for " + Sitewatch.formatSpan(Date.now() - Date.parse(site.since))
      : "";
    $("url").textContent = site.url;
    $("url").href = site.url;
  }

  /** The window's figures and chart, from the uptime and series endpoints (the rollups). */
  async function fromRollups() {
    const [uptime, series] = await Promise.all([
      Sitewatch.getJson(siteUrl("/uptime?window=" + windowName)),
      Sitewatch.getJson(siteUrl("/series?window=" + windowName + "&step=" + STEPS[windowName])),
    ]);
    const u = uptime.body;
    const points = series.body.points || [];
    return {
      uptime: u.uptime,
      checks: u.checks,
      p50: u.responseTimeMs ? u.responseTimeMs.p50 : null,
      p95: u.responseTimeMs ? u.responseTimeMs.p95 : null,
      p99: u.responseTimeMs ? u.responseTimeMs.p99 : null,
      changes: u.stateChanges || [],
      x: points.map((p) => Date.parse(p.at) / 1000),
      series: [
        { label: "average", values: points.map((p) => (p.checks ? p.avgMs : null)) },
        { label: "p95", values: points.map((p) => (p.checks ? p.p95Ms : null)) },
      ],
      source: "Per " + STEPS[windowName] + ", from the stored rollups.",
    };
  }

  function chartWidth() {
    return Math.max(240, $("chart").clientWidth);
  }

  function draw(data) {
    const colours = ["#2f7ed8", "#d9822b"];
    const options = {
      width: chartWidth(),
      height: 260,
      scales: { x: { time: true } },
      series: [{}].concat(
        data.series.map((s, i) => ({
          label: s.label,
          stroke: colours[i % colours.length],
          width: 1.5,
          value: (u, v) => Sitewatch.formatMs(v),
        })),
      ),
      axes: [{}, { label: "ms", size: 60 }],
    };
    if (plot) {
      plot.destroy();
    }
    plot = new uPlot(options, [data.x].concat(data.series.map((s) => s.values)), $("chart"));
    $("chart").dataset.points = String(data.x.length);
  }

  function showFigures(data) {
    $("uptime").textContent = Sitewatch.formatPercent(data.uptime);
    $("checks").textContent = data.checks === null || data.checks === undefined ? "–" : String(data.checks);
    $("p50").textContent = Sitewatch.formatMs(data.p50);
    $("p95").textContent = Sitewatch.formatMs(data.p95);
    $("p99").textContent = Sitewatch.formatMs(data.p99);
    $("source").textContent = data.source;
    const items = data.changes
      .slice()
      .reverse()
      .map((c) =>
        Sitewatch.el(
          "li",
          { class: "change state-" + String(c.to).toLowerCase() },
          Sitewatch.el("time", { datetime: c.at }, Sitewatch.formatTime(c.at)),
          " " + (c.from ? c.from + " → " + c.to : "first result: " + c.to),
        ),
      );
    $("changes").replaceChildren(
      ...(items.length ? items : [Sitewatch.el("li", { class: "note" }, "None in this window.")]),
    );
  }

  /** The latest stored results, newest first: the few raw rows the page reads. */
  async function loadLatest() {
    const { body } = await Sitewatch.getJson(siteUrl("/results?limit=" + LATEST));
    const rows = body.map((r) =>
      Sitewatch.el(
        "tr",
        { class: "check state-" + String(r.status).toLowerCase() },
        Sitewatch.el("td", {}, Sitewatch.el("time", { datetime: r.startedAt }, Sitewatch.formatTime(r.startedAt))),
        Sitewatch.el("td", {}, r.status + (r.reason ? " (" + r.reason + ")" : "")),
        Sitewatch.el("td", {}, Sitewatch.formatMs(r.durationMs)),
        Sitewatch.el("td", { class: "location" }, r.location || ""),
        Sitewatch.el("td", { class: "checker" }, r.checker || "–"),
      ),
    );
    $("latest").replaceChildren(
      ...(rows.length ? rows : [Sitewatch.el("tr", {}, Sitewatch.el("td", { colspan: "5", class: "note" }, "No checks yet."))]),
    );
  }

  async function load() {
    clearTimeout(timer);
    try {
      const data = await fromRollups();
      await loadHeader();
      showFigures(data);
      draw(data);
      await loadLatest();
      showError("");
      $("updated").textContent = "Updated " + new Date().toLocaleTimeString();
    } catch (e) {
      showError(
        e instanceof Sitewatch.HttpError && e.status === 404
          ? "No site '" + id + "'."
          : "Could not load the site (" + e.message + ").",
      );
    }
    timer = setTimeout(load, REFRESH_SECONDS * 1000);
  }

  for (const button of document.querySelectorAll("[data-window]")) {
    button.addEventListener("click", () => {
      windowName = button.dataset.window;
      const query = new URLSearchParams(location.search);
      query.set("window", windowName);
      history.replaceState(null, "", "?" + query);
      markWindow();
      load();
    });
  }

  function markWindow() {
    for (const button of document.querySelectorAll("[data-window]")) {
      button.setAttribute("aria-pressed", String(button.dataset.window === windowName));
    }
  }

  window.addEventListener("resize", () => {
    if (plot) {
      plot.setSize({ width: chartWidth(), height: 260 });
    }
  });

  $("name").textContent = id;
  markWindow();
  load();
})();
