/* The status list: every site, its state, since when, response time and daily uptime bars. */
"use strict";

(function () {
  const params = new URLSearchParams(location.search);
  /** Seconds between refreshes: ?refresh=N, default 10. */
  const REFRESH_SECONDS = Sitewatch.positiveNumber(params.get("refresh"), 10);
  const DAYS = 90;
  /** Sites per API request: ?pageSize=N (1 to 1000), default 1000, the API's maximum. */
  const PAGE_SIZE = Math.min(
    1000,
    Math.max(1, Math.floor(Sitewatch.positiveNumber(params.get("pageSize"), 1000))),
  );
  /** A cap on pages per load, so a server that always answers rel="next" cannot loop us. */
  const MAX_PAGES = 500;

  const search = document.getElementById("search");
  const onlyDown = document.getElementById("only-down");
  const list = document.getElementById("sites");
  const empty = document.getElementById("empty");
  const summary = document.getElementById("summary");
  const error = document.getElementById("error");
  const updated = document.getElementById("updated");

  search.value = params.get("q") || "";
  onlyDown.checked = params.get("down") === "1";

  let sites = [];
  let loadedAt = null;
  let timer = null;
  let generation = 0;

  /** The first page's URL: the server filters; the page filters what it holds too, at once. */
  function firstPage() {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), days: String(DAYS) });
    const text = search.value.trim();
    if (/^[^\s:]+:\S+$/.test(text)) {
      query.set("label", text);
    } else if (text) {
      query.set("q", text);
    }
    if (onlyDown.checked) {
      query.set("state", "DOWN");
    }
    return "../api/sites?" + query;
  }

  /**
   * Every page of sites, each handed to `prepare` as it arrives. The next page is asked
   * for as soon as a page's headers name it, so that preparing one page overlaps the next one's
   * wait for the server.
   */
  async function loadAll(prepare) {
    const all = [];
    const seen = new Set();
    let pending = Sitewatch.getJsonLater(firstPage());
    for (let pages = 0; pending && pages < MAX_PAGES; pages++) {
      const { body, response } = await pending;
      const next = Sitewatch.nextLink(response.headers.get("Link"));
      pending = null;
      if (next && !seen.has(next)) {
        seen.add(next);
        pending = Sitewatch.getJsonLater(next);
        pending.catch(() => {}); // awaited in the next round, or given up with this load
      }
      const sites = (await body).map(Sitewatch.normaliseSite);
      sites.forEach(prepare);
      all.push(...sites);
    }
    return all;
  }

  function matches(site, text, downOnly) {
    if (downOnly && site.state !== "DOWN") {
      return false;
    }
    if (!text) {
      return true;
    }
    const haystack = [site.id, site.name, site.url];
    for (const [key, value] of Object.entries(site.labels)) {
      haystack.push(key + ":" + value, value);
    }
    return haystack.some((s) => String(s).toLowerCase().includes(text));
  }

  /** One collator for every comparison: localeCompare with options builds one per call. */
  const names = new Intl.Collator(undefined, { numeric: true });

  function byStateThenName(a, b) {
    if (a.state !== b.state) {
      return a.state === "DOWN" ? -1 : b.state === "DOWN" ? 1 : 0;
    }
    return names.compare(a.name, b.name);
  }

  /** The ISO date `days` days after the ISO date `from`. */
  function dayAfter(from, days) {
    const date = new Date(from + "T00:00:00Z");
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  }

  /** The daily bars as one element: a gradient of one stripe a day, oldest on the left. */
  function bars(daily) {
    const count = daily ? daily.uptime.length : 0;
    if (count === 0) {
      return Sitewatch.el("div", { class: "bars bars-none", "data-days": "0" });
    }
    const colours = {
      good: "var(--good)",
      fair: "var(--fair)",
      poor: "var(--poor)",
      bad: "var(--bad)",
      none: "var(--none)",
    };
    const width = 100 / count;
    const stops = daily.uptime.map((uptime, i) => {
      const colour = colours[Sitewatch.uptimeClass(uptime)];
      return colour + " " + (i * width).toFixed(3) + "% " + ((i + 1) * width).toFixed(3) + "%";
    });
    const node = Sitewatch.el("div", {
      class: "bars",
      role: "img",
      "data-days": String(count),
      "aria-label": count + " days of uptime",
      title: count + " days of uptime, oldest on the left",
    });
    node.style.backgroundImage = "linear-gradient(to right, " + stops.join(", ") + ")";
    node.style.setProperty("--days", String(count));
    node.addEventListener("mousemove", (event) => {
      const rect = node.getBoundingClientRect();
      const i = Math.min(
        count - 1,
        Math.max(0, Math.floor(((event.clientX - rect.left) / rect.width) * count)),
      );
      node.title =
        dayAfter(daily.from, i) + ": " + Sitewatch.formatPercent(daily.uptime[i]) + " of " +
        (daily.checks[i] || 0) + " checks";
    });
    return node;
  }

  function row(site, now) {
    const el = Sitewatch.el;
    const state = site.state === "UP" || site.state === "DOWN" ? site.state : "UNKNOWN";
    const since = site.since
      ? el(
          "span",
          { class: "since", title: "since " + Sitewatch.formatTime(site.since) },
          "for " + Sitewatch.formatSpan(now - Date.parse(site.since)),
        )
      : el(
          "span",
          { class: "since", title: site.lastCheckedAt ? Sitewatch.formatTime(site.lastCheckedAt) : null },
          site.lastCheckedAt
            ? "checked " + Sitewatch.formatSpan(now - Date.parse(site.lastCheckedAt)) + " ago"
            : "never checked",
        );
    const labels = Object.entries(site.labels).map(([k, v]) =>
      el("span", { class: "label" }, k + ":" + v),
    );
    const uptime = site.uptime
      ? el(
          "span",
          { class: "uptime", title: "uptime over the last 24 hours" },
          Sitewatch.formatPercent(site.uptime["24h"]) + " 24h",
        )
      : null;
    return el(
      "li",
      { class: "site state-" + state.toLowerCase(), "data-site-id": site.id, "data-state": state },
      el("span", { class: "state" }, state),
      el(
        "div",
        { class: "ident" },
        el("a", { class: "name", href: "site.html?id=" + encodeURIComponent(site.id) }, site.name),
        el("span", { class: "url" }, site.url),
        labels.length ? el("span", { class: "labels" }, ...labels) : null,
        state === "DOWN" && site.message
          ? el("span", { class: "reason" }, (site.reason ? site.reason + ": " : "") + site.message)
          : null,
      ),
      el(
        "div",
        { class: "figures" },
        since,
        el("span", { class: "response-time", title: "last response time" }, Sitewatch.formatMs(site.durationMs)),
        uptime,
      ),
      bars(site.daily),
    );
  }

  /** Rows built while the pages of a load arrived, by site id; used once, by the next render. */
  let prepared = new Map();

  function render() {
    const text = search.value.trim().toLowerCase();
    const shown = sites.filter((s) => matches(s, text, onlyDown.checked)).sort(byStateThenName);
    const now = Date.now();
    const fragment = document.createDocumentFragment();
    for (const site of shown) {
      fragment.append(prepared.get(site.id) || row(site, now));
    }
    prepared = new Map();
    list.replaceChildren(fragment);
    empty.hidden = shown.length > 0 || loadedAt === null;
    const down = shown.filter((s) => s.state === "DOWN").length;
    summary.textContent =
      loadedAt === null
        ? "Loading…"
        : shown.length + " sites shown: " + (shown.length - down) + " UP, " + down + " DOWN";
    document.body.dataset.shown = String(shown.length);
  }

  async function refresh() {
    clearTimeout(timer);
    const mine = ++generation;
    try {
      const rows = new Map();
      const now = Date.now();
      const loaded = await loadAll((site) => rows.set(site.id, row(site, now)));
      if (mine !== generation) {
        return; // a newer load (filters changed) has started
      }
      prepared = rows;
      sites = loaded;
      loadedAt = new Date();
      error.hidden = true;
      updated.textContent =
        "Updated " + loadedAt.toLocaleTimeString() + ", every " + REFRESH_SECONDS + " s";
      render();
      document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
    } catch (e) {
      if (mine !== generation) {
        return;
      }
      error.textContent =
        "Could not load the sites (" + e.message + ")" +
        (loadedAt ? "; showing those of " + loadedAt.toLocaleTimeString() : "") + ".";
      error.hidden = false;
    }
    timer = setTimeout(refresh, REFRESH_SECONDS * 1000);
  }

  /** Filters show at once on what is loaded, stay in the URL, and reload from the server. */
  let debounce = null;
  function filtersChanged() {
    const query = new URLSearchParams(location.search);
    search.value.trim() ? query.set("q", search.value.trim()) : query.delete("q");
    onlyDown.checked ? query.set("down", "1") : query.delete("down");
    history.replaceState(null, "", "?" + query);
    render();
    clearTimeout(debounce);
    debounce = setTimeout(refresh, 300);
  }

  search.addEventListener("input", filtersChanged);
  onlyDown.addEventListener("change", filtersChanged);
  document.getElementById("filters").addEventListener("submit", (e) => e.preventDefault());
  refresh();
})();
