"use strict";
// The dashboard: tiles for the trailing hour, a chart, a table and exact totals of a range, and
// engagement (DAU, WAU, MAU, stickiness, weekly retention cohorts), all from query-api's own GET
// /analytics, /analytics/series, /analytics/active and /analytics/retention. No build step, no
// other server.
(() => {
  const STEP_MS = { "1m": 60e3, "5m": 300e3, "1h": 3600e3, "1d": 86400e3 };
  const HOUR = 3600e3;
  const DAY = 24 * HOUR;
  const PRESETS = {
    hour: { span: HOUR, step: "1m" },
    day5m: { span: DAY, step: "5m" },
    dayHour: { span: DAY, step: "1h" },
    week: { span: 7 * DAY, step: "1h" },
    month: { span: 30 * DAY, step: "1d" },
  };
  const TILES_EVERY_MS = 5000;
  const RANGE_EVERY_MS = 60000;
  const KEY = "queryApiKey";
  const $ = (id) => document.getElementById(id);

  let localZone = false;
  let chart = null;
  let shown = null; // { range, rows, totals }
  let tilesProblem = null;
  let rangeProblem = null;
  const firstRender = { tiles: false, range: false };

  class Problem extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  function keyHeaders() {
    const key = sessionStorage.getItem(KEY);
    return key ? { Authorization: "Bearer " + key } : {};
  }

  async function api(path, accept) {
    let response;
    try {
      response = await fetch(path, { headers: { Accept: accept, ...keyHeaders() } });
    } catch (e) {
      throw new Problem(0, "The server cannot be reached; trying again every few seconds.");
    }
    if (response.status === 401) {
      askForKey();
      throw new Problem(401, "This server needs an API key (QUERY_API_KEYS): enter one above.");
    }
    if (!response.ok) {
      let detail = response.status + " " + response.statusText;
      try {
        detail = (await response.json()).detail || detail;
      } catch (e) {
        // not a problem+json body: keep the status line
      }
      throw new Problem(response.status, detail);
    }
    return accept === "application/json" ? response.json() : response.text();
  }

  function askForKey() {
    const form = $("key-form");
    if (sessionStorage.getItem(KEY)) {
      sessionStorage.removeItem(KEY);
      $("key-error").textContent = "That key was refused.";
    }
    if (form.hidden) {
      form.hidden = false;
      $("key").focus();
    }
  }

  function showProblems() {
    const message = $("message");
    const problem = tilesProblem || rangeProblem;
    message.hidden = !problem;
    message.textContent = problem ? problem.text : "";
    message.className = problem ? problem.kind : "";
  }

  function formatTime(ms) {
    if (localZone) {
      return new Date(ms).toLocaleString();
    }
    return new Date(ms).toISOString().slice(0, 19).replace("T", " ") + " UTC";
  }

  /** An axis label: the time of day, with the date where the range spans days. */
  function formatTick(ms, spanMs) {
    let text;
    if (localZone) {
      const d = new Date(ms);
      const pad = (n) => String(n).padStart(2, "0");
      text = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
    } else {
      text = new Date(ms).toISOString().slice(0, 16).replace("T", " ");
    }
    if (spanMs <= DAY) {
      return text.slice(11);
    }
    return spanMs > 8 * DAY ? text.slice(5, 10) : text.slice(5);
  }

  function formatCount(n) {
    return Number(n).toLocaleString("en-US");
  }

  function markRendered(part) {
    firstRender[part] = true;
    if (firstRender.tiles && firstRender.range && !performance.getEntriesByName("dashboard-rendered").length) {
      performance.mark("dashboard-rendered");
    }
  }

  async function refreshTiles() {
    try {
      const hour = await api("/analytics?timestamp=" + Date.now(), "application/json");
      $("tile-users").textContent = formatCount(hour.unique_users);
      $("tile-clicks").textContent = formatCount(hour.clicks);
      $("tile-impressions").textContent = formatCount(hour.impressions);
      $("tiles-as-of").textContent =
        "Trailing hour " + formatTime(Date.parse(hour.from)) + " to " + formatTime(Date.parse(hour.to));
      tilesProblem = null;
      markRendered("tiles");
    } catch (e) {
      tilesProblem = { text: e.message, kind: "" };
    }
    showProblems();
  }

  function currentRange() {
    const preset = $("preset").value;
    if (preset !== "custom") {
      const { span, step } = PRESETS[preset];
      const size = STEP_MS[step];
      const to = Math.floor(Date.now() / size) * size + size;
      return { from: to - span, to, step };
    }
    const read = (input) => {
      if (!input.value) {
        return NaN;
      }
      return localZone ? new Date(input.value).getTime() : Date.parse(input.value + "Z");
    };
    return { from: read($("from")), to: read($("to")), step: $("step").value };
  }

  async function refreshRange() {
    const range = currentRange();
    if (isNaN(range.from) || isNaN(range.to)) {
      rangeProblem = { text: "Choose both ends of the custom range.", kind: "info" };
      showProblems();
      return;
    }
    const query = "from=" + range.from + "&to=" + range.to;
    try {
      const series = "/analytics/series?" + query + "&step=" + range.step;
      const [rows, csv] = await Promise.all([api(series, "application/json"), api(series, "text/csv")]);
      const totals = await api("/analytics?" + query, "application/json").catch((e) => {
        if (e.status === 400) {
          return null; // longer than an exact total may span; the chart still shows
        }
        throw e;
      });
      shown = { range, rows, totals };
      setCsv(csv, query + "&step=" + range.step);
      render();
      const empty = rows.every((row) => row.clicks === 0 && row.impressions === 0);
      rangeProblem = empty ? { text: "No events in this range.", kind: "info" } : null;
      markRendered("range");
    } catch (e) {
      rangeProblem = { text: e.message, kind: "" };
    }
    showProblems();
  }

  function setCsv(csv, query) {
    const link = $("csv");
    link.dataset.query = query;
    if (link.href.startsWith("blob:")) {
      URL.revokeObjectURL(link.href);
    }
    link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  }

  function render() {
    if (!shown) {
      return;
    }
    const { range, rows, totals } = shown;
    $("range-span").textContent =
      formatTime(range.from) + " to " + formatTime(range.to) + ", by " + range.step;
    $("total-users").textContent = totals ? formatCount(totals.unique_users) : "over 731 days";
    $("total-clicks").textContent = totals ? formatCount(totals.clicks) : "–";
    $("total-impressions").textContent = totals ? formatCount(totals.impressions) : "–";
    drawTable(rows);
    drawChart(rows);
  }

  function drawTable(rows) {
    const body = $("table").tBodies[0];
    body.replaceChildren(
      ...rows.map((row) => {
        const tr = document.createElement("tr");
        [formatTime(Date.parse(row.time)), formatCount(row.unique_users), formatCount(row.clicks), formatCount(row.impressions)]
          .forEach((text) => {
            const td = document.createElement("td");
            td.textContent = text;
            tr.appendChild(td);
          });
        return tr;
      })
    );
  }

  function drawChart(rows) {
    const data = [
      rows.map((row) => Date.parse(row.time) / 1000),
      rows.map((row) => row.unique_users),
      rows.map((row) => row.clicks),
      rows.map((row) => row.impressions),
    ];
    const options = {
      width: Math.max(320, $("chart").clientWidth || 800),
      height: 320,
      padding: [12, 40, 0, 0],
      tzDate: (ts) => (localZone ? new Date(ts * 1000) : uPlot.tzDate(new Date(ts * 1000), "Etc/UTC")),
      axes: [
        {
          values: (u, splits) => {
            const span = (u.scales.x.max - u.scales.x.min) * 1000;
            return splits.map((ts) => formatTick(ts * 1000, span));
          },
          space: 70,
        },
        {},
      ],
      series: [
        { label: "Bucket", value: (u, ts) => (ts == null ? "–" : formatTime(ts * 1000)) },
        { label: "Unique users", stroke: "#2f6fdf", width: 2 },
        { label: "Clicks", stroke: "#e07b39", width: 1.5 },
        { label: "Impressions", stroke: "#3a9a5b", width: 1.5 },
      ],
    };
    if (chart) {
      chart.destroy();
    }
    chart = new uPlot(options, data, $("chart"));
    $("chart").dataset.points = String(rows.length);
  }

  /** The zone engagement counts days in: the browser's when asked, else UTC. */
  function engagementZone() {
    return localZone ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  }

  /** A date YYYY-MM-DD, n days after the date given. */
  function addDays(date, n) {
    const d = new Date(date + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  /** Today in the engagement zone, as YYYY-MM-DD. */
  function today() {
    return new Intl.DateTimeFormat("en-CA", { timeZone: engagementZone() }).format(new Date());
  }

  async function refreshEngagement() {
    const to = addDays(today(), 1);
    const from = addDays(to, -Number($("engagement-span").value));
    const days = "from=" + from + "&to=" + to + "&tz=" + encodeURIComponent(engagementZone());
    const cohorts = "from=" + addDays(to, -84) + "&to=" + to + "&tz=" + encodeURIComponent(engagementZone());
    try {
      const active = (window) => api("/analytics/active?" + days + "&window=" + window, "application/json");
      const retention = "/analytics/retention?" + cohorts + "&cohort=1w&periods=11";
      const [dau, wau, mau, triangle, triangleCsv] = await Promise.all([
        active("1d"),
        active("7d"),
        active("30d"),
        api(retention, "application/json"),
        api(retention, "text/csv"),
      ]);
      drawActive(dau, wau, mau);
      setDownload($("active-csv"), activeCsv(dau, wau, mau), days);
      drawRetention(triangle);
      setDownload($("retention-csv"), triangleCsv, cohorts + "&cohort=1w&periods=11");
      const last = mau[mau.length - 1];
      $("stickiness").textContent =
        "Stickiness (DAU/MAU) on " + last.time.slice(0, 10) + ": " + last.stickiness.toFixed(4);
      $("stickiness").dataset.value = last.stickiness.toFixed(4);
    } catch (e) {
      rangeProblem = { text: e.message, kind: "" };
      showProblems();
    }
  }

  /** One CSV of the three windows, a line a day: time,dau,wau,mau,stickiness. */
  function activeCsv(dau, wau, mau) {
    const lines = ["time,dau,wau,mau,stickiness"];
    mau.forEach((row, i) => {
      lines.push([row.time, dau[i].active_users, wau[i].active_users, row.active_users, row.stickiness.toFixed(4)].join(","));
    });
    return lines.join("\n") + "\n";
  }

  function setDownload(link, csv, query) {
    link.dataset.query = query;
    if (link.href.startsWith("blob:")) {
      URL.revokeObjectURL(link.href);
    }
    link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  }

  let activeChart = null;

  function drawActive(dau, wau, mau) {
    const data = [
      mau.map((row) => Date.parse(row.time) / 1000),
      dau.map((row) => row.active_users),
      wau.map((row) => row.active_users),
      mau.map((row) => row.active_users),
      mau.map((row) => row.stickiness),
    ];
    const options = {
      width: Math.max(320, $("active-chart").clientWidth || 800),
      height: 280,
      padding: [12, 40, 0, 0],
      tzDate: (ts) => (localZone ? new Date(ts * 1000) : uPlot.tzDate(new Date(ts * 1000), "Etc/UTC")),
      scales: { ratio: { range: [0, 1] } },
      axes: [{ space: 70 }, {}, { scale: "ratio", side: 1, grid: { show: false } }],
      series: [
        { label: "Day", value: (u, ts) => (ts == null ? "–" : new Date(ts * 1000).toISOString().slice(0, 10)) },
        { label: "DAU", stroke: "#2f6fdf", width: 2 },
        { label: "WAU", stroke: "#e07b39", width: 1.5 },
        { label: "MAU", stroke: "#3a9a5b", width: 1.5 },
        { label: "Stickiness", stroke: "#8a55c4", width: 1, dash: [4, 4], scale: "ratio" },
      ],
    };
    if (activeChart) {
      activeChart.destroy();
    }
    activeChart = new uPlot(options, data, $("active-chart"));
    $("active-chart").dataset.points = String(mau.length);
  }

  function drawRetention(rows) {
    const table = $("retention");
    const periods = rows.reduce((most, row) => Math.max(most, row.retained.length), 0);
    const head = document.createElement("tr");
    ["Cohort", "Users", ...Array.from({ length: periods }, (_, k) => "Week " + (k + 1))].forEach((text) => {
      const th = document.createElement("th");
      th.textContent = text;
      head.appendChild(th);
    });
    table.tHead.replaceChildren(head);
    table.tBodies[0].replaceChildren(
      ...rows.map((row) => {
        const tr = document.createElement("tr");
        const cell = (text) => {
          const td = document.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
          return td;
        };
        cell(row.cohort.slice(0, 10));
        cell(formatCount(row.users));
        row.retained.forEach((count) => {
          const share = row.users === 0 ? 0 : count / row.users;
          const td = cell(formatCount(count) + " (" + Math.round(share * 100) + "%)");
          td.className = "cell";
          td.dataset.share = share.toFixed(4);
          td.style.background = "rgba(47, 111, 223, " + (0.08 + 0.6 * share).toFixed(3) + ")";
        });
        return tr;
      })
    );
    table.dataset.rows = String(rows.length);
  }

  function toggleView() {
    const table = $("table");
    const showTable = table.hidden;
    table.hidden = !showTable;
    $("chart").hidden = showTable;
    $("view").textContent = showTable ? "Chart" : "Table";
  }

  function init() {
    $("zone-name").textContent =
      "times in the browser's zone (" + Intl.DateTimeFormat().resolvedOptions().timeZone + ") instead of UTC";
    $("local-zone").addEventListener("change", (e) => {
      localZone = e.target.checked;
      render();
      refreshTiles();
      refreshEngagement();
    });
    $("engagement-span").addEventListener("change", refreshEngagement);
    $("preset").addEventListener("change", () => {
      $("custom").hidden = $("preset").value !== "custom";
      if ($("preset").value !== "custom") {
        refreshRange();
      }
    });
    $("apply").addEventListener("click", refreshRange);
    $("view").addEventListener("click", toggleView);
    $("key-form").addEventListener("submit", (e) => {
      e.preventDefault();
      sessionStorage.setItem(KEY, $("key").value);
      $("key").value = "";
      $("key-error").textContent = "";
      $("key-form").hidden = true;
      refreshTiles();
      refreshRange();
      refreshEngagement();
    });
    refreshTiles();
    refreshRange();
    refreshEngagement();
    setInterval(refreshTiles, TILES_EVERY_MS);
    setInterval(refreshEngagement, RANGE_EVERY_MS);
    setInterval(() => {
      if ($("preset").value !== "custom") {
        refreshRange();
      }
    }, RANGE_EVERY_MS);
  }

  init();
})();
