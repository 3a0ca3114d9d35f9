// The run-out table (one row per site and item, most urgent first as the server sorts them) and the people per site.
// Hours count from each status's updatedAt (the operation's clock, event time), never from the browser's clock.
"use strict";
import { $, el, number, weekday, hoursBetween, aboutHours, age, quantity } from "./dom.js";

function runsOut(r) {
  if (!r.reported) return [el("span", { class: "badge unknown" }, "not reported"), " stock unknown"];
  if (r.hoursToRunOut !== null) {
    return r.hoursToRunOut <= 0 ? ["ran out (", weekday(r.runsOutAt), ")"]
      : [el("strong", {}, "runs out in " + aboutHours(r.hoursToRunOut)), " (" + weekday(r.runsOutAt) + ")"];
  }
  // No run-out with cover under the 72 h horizon: the status carries no projection (an older sites app).
  if (r.daysOfCover !== null) {
    return [(r.daysOfCover * 24 >= 72 ? "beyond 72 h · " : "not projected · ") + r.daysOfCover.toFixed(1) + " days of cover"];
  }
  return ["not used up"];
}

function band(r) {
  if (!r.runsOutEarliest) return "–";
  const low = aboutHours(hoursBetween(r.updatedAt, r.runsOutEarliest)) + " (" + weekday(r.runsOutEarliest) + ")";
  const high = r.runsOutLatest ? aboutHours(hoursBetween(r.updatedAt, r.runsOutLatest)) + " (" + weekday(r.runsOutLatest) + ")"
    : "beyond 72 h";
  return low + " to " + high;
}

function stock(r) {
  if (!r.reported) return el("span", { class: "flag" }, "not reported");
  const now = (r.estimated ? "about " : "") + quantity(r.stock, r.unit) + " left";
  return r.overdrawnAt ? [now, el("div", { class: "flag" }, "overdrawn " + weekday(r.overdrawnAt) + ": the estimate was too high")]
    : now;
}

function lastCount(r) {
  if (r.countedStock === null || !r.countedAt) return el("span", { class: "muted" }, r.reported ? "never counted" : "–");
  return "counted " + age(hoursBetween(r.countedAt, r.updatedAt)) + " ago: " + quantity(r.countedStock, r.unit);
}

function convoys(r) {
  if (!r.deliveries.length) return el("span", { class: "muted" }, "none announced");
  return el("ul", { class: "convoys" }, r.deliveries.map((d) => el("li", { class: d.counted ? "" : "overdue" },
    d.convoy + ": " + quantity(d.quantity, r.unit) + " " + weekday(d.expectedAt),
    d.counted ? "" : el("span", { class: "badge warning" }, "overdue"))));
}

export function renderRunOut(rows, people) {
  const estimated = new Set(people.filter((p) => p.populationEstimated).map((p) => p.site));
  const population = new Map(people.map((p) => [p.site, p.population]));
  $("runout").replaceChildren(rows.length ? el("table", { class: "runout" },
    el("thead", {}, el("tr", {}, ["What and where", "Runs out", "Band (low to high)", "Stock now", "Last count", "Convoys"]
      .map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((r) => el("tr", { class: r.severity + (r.reported ? "" : " unreported"), "data-runout": r.site + "/" + r.item },
      el("td", {}, el("strong", {}, r.item), " at ", r.siteName, el("div", { class: "muted" },
        number.format(population.get(r.site) || 0) + " people", estimated.has(r.site) ? " (estimated)" : "")),
      el("td", {}, runsOut(r)), el("td", { "data-label": "band" }, band(r)),
      el("td", { "data-label": "stock" }, stock(r)), el("td", { "data-label": "count" }, lastCount(r)),
      el("td", { "data-label": "convoys" }, convoys(r))))))
    : el("p", { class: "empty" }, "no site status yet"));
}

const VULNERABLE = [["unaccompaniedChildren", "unaccompanied children"], ["disabled", "disabled"],
  ["needsMedicalCare", "need medical care"], ["pregnant", "pregnant"], ["over60", "over 60"]];

export function renderPeople(people) {
  $("people").replaceChildren(people.length ? el("table", { class: "people" },
    el("thead", {}, el("tr", {}, ["Site", "People", "Arriving /h", "Leaving /h"].concat(VULNERABLE.map(([, label]) => label))
      .map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, people.map((p) => el("tr", { "data-people": p.site },
      el("td", {}, p.name),
      el("td", { class: "num" }, number.format(p.population), p.populationEstimated
        ? el("span", { class: "badge estimated", title: "departures estimated by the transit model: "
          + number.format(p.estimatedDepartures) + " moved on" }, "estimated") : ""),
      el("td", { class: "num" }, number.format(Math.round(p.arrivalsPerHour))),
      el("td", { class: "num" }, number.format(Math.round(p.departuresPerHour))),
      VULNERABLE.map(([key]) => el("td", { class: "num" }, p.vulnerable ? number.format(p.vulnerable[key]) : "–"))))))
    : el("p", { class: "empty" }, "no site status yet"));
}
