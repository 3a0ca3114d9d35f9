// flowwatch operations centre: renders /api/events (server-sent "state" events) with no library and no network
// beyond this server, so the page works in an operations centre with no internet.
"use strict";
import { HOUR_MS, number, $, el, svg, stamp, useTimeZone } from "./dom.js";
import { renderRunOut, renderPeople } from "./runout.js";
import { loadCountries, renderMap } from "./map.js";
import { chooseLanguage, loadLanguage, t, named, lang as currentLanguage } from "./i18n.js";

(function () {
  const body = document.body;
  const countError = () => { body.dataset.errors = String(Number(body.dataset.errors) + 1); };
  window.addEventListener("error", countError);
  window.addEventListener("unhandledrejection", countError);
  const consoleError = console.error.bind(console);
  console.error = (...args) => { countError(); consoleError(...args); };

  let reported = [];
  let latest = null;

  function drawChart(hours) {
    const chart = $("chart");
    chart.replaceChildren();
    const W = 800, H = 260, left = 52, right = 44, top = 10, bottom = 26;
    const counted = hours.map((h) => ({ t: Date.parse(h.start), people: h.people, cumulative: h.cumulative }));
    let from = counted.length ? counted[0].t : (reported.length ? reported[0].t : 0);
    let to = counted.length ? counted[counted.length - 1].t + HOUR_MS : (reported.length ? reported[reported.length - 1].t : 1);
    // The reported points inside the counted hours, and the next one after, so the expected trend shows.
    const next = reported.find((p) => p.t > to);
    const shown = reported.filter((p) => p.t >= from - 24 * HOUR_MS && p.t <= to).concat(next && counted.length ? [next] : []);
    if (!counted.length) shown.splice(0, shown.length, ...reported);
    shown.forEach((p) => { from = Math.min(from, p.t); to = Math.max(to, p.t); });
    if (to <= from) to = from + HOUR_MS;
    const maxCumulative = Math.max(1, ...counted.map((c) => c.cumulative), ...shown.map((p) => p.cumulative));
    const maxHourly = Math.max(1, ...counted.map((c) => c.people));
    const x = (t) => left + (t - from) / (to - from) * (W - left - right);
    const y = (v) => H - bottom - v / maxCumulative * (H - top - bottom);
    const yh = (v) => H - bottom - v / maxHourly * (H - top - bottom) * 0.6;
    chart.append(svg("line", { x1: left, y1: H - bottom, x2: W - right, y2: H - bottom, stroke: "#d9dde3" }));
    [0, 0.5, 1].forEach((f) => {
      const label = svg("text", { x: left - 6, y: y(maxCumulative * f) + 4, "text-anchor": "end" });
      label.textContent = number.format(Math.round(maxCumulative * f));
      chart.append(label);
    });
    const peak = svg("text", { x: W - right + 4, y: yh(maxHourly) + 4 });
    peak.textContent = t("page.chart.perHour", { n: maxHourly });
    chart.append(peak);
    [from, to].forEach((t, i) => {
      const label = svg("text", { x: x(t), y: H - 8, "text-anchor": i ? "end" : "start" });
      label.textContent = stamp(new Date(t).toISOString());
      chart.append(label);
    });
    const barWidth = Math.max(1, (x(from + HOUR_MS) - x(from)) * 0.8);
    counted.forEach((c) => chart.append(svg("rect", { x: x(c.t), y: yh(c.people), width: barWidth,
      height: H - bottom - yh(c.people), fill: "#90caf9" })));
    const line = (points, attrs) => chart.append(svg("polyline", Object.assign({ fill: "none",
      points: points.map(([t, v]) => x(t).toFixed(1) + "," + y(v).toFixed(1)).join(" ") }, attrs)));
    line(shown.map((p) => [p.t, p.cumulative]), { stroke: "#c62828", "stroke-width": 2, "stroke-dasharray": "5 4" });
    shown.forEach((p) => chart.append(svg("circle", { cx: x(p.t), cy: y(p.cumulative), r: 3, fill: "#c62828" })));
    line([[from, 0]].concat(counted.map((c) => [c.t + HOUR_MS, c.cumulative])), { stroke: "#1d2430", "stroke-width": 2.5 });
  }

  function renderPosts(posts) {
    $("posts").replaceChildren(...(posts.length ? posts.map((p) => el("div", { class: "card " + (p.silent || "ok"), "data-post": p.post },
      el("h3", {}, p.post, " ", el("span", { class: "badge " + (p.silent || "ok") }, t(p.silent ? "page.post.silent" : "page.post.reporting"))),
      el("div", { class: "n" }, number.format(p.lastHour)), el("div", { class: "muted" }, t("page.post.lastHour", { n: p.last24Hours }))))
      : [el("p", { class: "empty" }, t("page.posts.empty"))]));
  }

  // unreported: "site/item" of the items a site never reported (stock unknown, never shown as 0)
  function renderSites(sites, unreported) {
    $("sites").replaceChildren(...(sites.length ? sites.map((s) => {
      const share = s.capacity ? s.population / s.capacity : 0;
      return el("div", { class: "card " + s.severity, "data-site": s.site },
        el("h3", {}, s.name),
        el("div", {}, el("span", { class: "n" }, number.format(s.population)),
          el("span", { class: "muted" }, " " + (s.capacity ? t("page.site.ofPlaces", { n: s.capacity }) : t("page.site.people")))),
        el("div", { class: "bar" + (share > 1 ? " over" : "") }, el("span", { style: "width:" + Math.min(100, share * 100) + "%" })),
        el("ul", { class: "items" }, s.items.map((i) => el("li", { class: "item " + i.severity, "data-item": i.item },
          el("span", {}, named("item.", i.item)), el("span", {}, unreported.has(s.site + "/" + i.item) ? t("page.notReported") : i.daysOfCover === null
            ? (i.perPerson === null ? "–" : t("page.site.perPerson", { n: Number(i.perPerson.toFixed(1)), unit: named("page.unit.", i.unit) }))
            : t("count.days", { n: Number(i.daysOfCover.toFixed(1)) }))))));
    }) : [el("p", { class: "empty" }, t("page.sites.empty"))]));
  }

  function acknowledge(alert, button) {
    button.disabled = true;
    fetch("api/alerts/" + alert.id.split("/").map(encodeURIComponent).join("/") + "/ack", { method: "POST",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify({ version: alert.version }) })
      .then((response) => response.ok ? response.json() : response.json().then((e) => { throw new Error(e.error); }))
      .then(() => { button.textContent = t("page.alert.acknowledged"); })
      .catch((e) => { button.disabled = false; button.title = e.message; button.textContent = t("page.alert.retry"); });
  }

  function renderAlerts(alerts) {
    $("alert-count").textContent = alerts.length ? t("page.alerts.open", { n: alerts.length }) : "";
    $("alerts").replaceChildren(...(alerts.length ? alerts.map((a) => {
      const button = el("button", { type: "button" }, t("page.alert.acknowledge"));
      button.addEventListener("click", () => acknowledge(a, button));
      return el("li", { class: a.severity + (a.acknowledged ? " acked" : ""), "data-alert": a.id },
        el("div", {}, el("span", { class: "badge " + a.severity }, t("page.severity." + a.severity)), " ",
          (a.sentences && a.sentences[currentLanguage]) || a.summary),
        el("div", { class: "meta" }, t("page.alert.meta", { kind: t("page.kind." + a.kind), state: t("page.state." + a.state),
          since: stamp(a.startsAt) }), a.acknowledged ? " · " + t("page.alert.acknowledgedAt", { when: stamp(a.acknowledgedAt) }) : ""),
        a.acknowledged ? "" : button);
    }) : [el("p", { class: "empty" }, t("page.alerts.empty"))]));
  }

  function render(state) {
    latest = state;
    useTimeZone(state.timeZone);
    $("zone").textContent = t("page.timesIn", { zone: state.timeZone });
    $("total").textContent = t("count.people", { n: state.totalArrivals });
    $("last-hour-total").textContent = number.format(state.hours.length ? state.hours[state.hours.length - 1].people : 0);
    $("days").textContent = state.days.length ? state.days.map((d) => d.date + ": " + number.format(d.people) + " (" + d.status + ")").join(" · ") : t("page.days.none");
    $("late-people").textContent = number.format(state.late.people);
    $("late-crossings").textContent = number.format(state.late.crossings);
    drawChart(state.hours);
    renderPosts(state.posts);
    renderSites(state.sites, new Set(state.runOut.filter((r) => !r.reported).map((r) => r.site + "/" + r.item)));
    renderRunOut(state.runOut, state.people);
    renderPeople(state.people);
    renderMap(state.places);
    renderAlerts(state.alerts);
    body.dataset.version = String(state.version);
    body.dataset.alerts = String(state.alerts.length);
  }

  // "#still" shows the first state pushed and closes the stream: a still picture for printing or a headless
  // browser's screenshot (which waits for the network to go quiet, and a live stream never does).
  const still = location.hash === "#still";

  function connect() {
    const events = new EventSource("api/events");
    events.addEventListener("state", (event) => {
      render(JSON.parse(event.data));
      if (still) {
        events.close();
        $("live").textContent = t("page.still");
      }
    });
    events.onopen = () => { $("live").textContent = t("page.live"); $("live").className = "live on"; };
    events.onerror = () => {
      $("live").textContent = t("page.reconnecting"); $("live").className = "live off";
      // A 401 closes the stream for good: ask whether the server wants a token (http.api.token).
      if (events.readyState === EventSource.CLOSED) fetch("api/state").then((r) => { if (r.status === 401) askForToken(); });
    };
  }

  // When the server asks for a token, keep it in a same-site cookie: EventSource cannot send headers.
  function askForToken() {
    const token = window.prompt(t("page.tokenPrompt"));
    if (token) {
      document.cookie = "flowwatch_token=" + encodeURIComponent(token.trim()) + "; path=/; SameSite=Strict";
      location.reload();
    }
  }

  fetch("reported-2023.json").then((r) => r.json()).then((curve) => {
    reported = curve.points.map((p) => ({ t: Date.parse(p.at), cumulative: p.cumulative }));
    if (latest) drawChart(latest.hours);
  }).catch(countError);
  loadCountries(() => { if (latest) renderMap(latest.places); }, (e) => { console.error(e); });
  // The language switch: remembered in this browser, the page reloaded in the new language.
  const language = chooseLanguage();
  const choice = $("lang");
  choice.value = language;
  choice.addEventListener("change", () => {
    localStorage.setItem("flowwatch.lang", choice.value);
    const address = new URL(location.href);
    address.searchParams.delete("lang");
    location.assign(address);
  });
  loadLanguage(language).catch((e) => { console.error(e); return loadLanguage("en"); }).then(() => {
    document.title = t("page.title");
    connect();
  });
}());
