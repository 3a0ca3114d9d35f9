// The run-out table (one row per site and item, most urgent first as the server sorts them) and the people per site.
// Hours count from each status's updatedAt (the operation's clock, event time), never from the browser's clock.
"use strict";
import { $, el, number, weekday, hoursBetween, aboutHours, age, quantity } from "./dom.js";
import { t, named } from "./i18n.js";

function runsOut(r) {
  if (!r.reported) return [el("span", { class: "badge unknown" }, t("page.notReported")), " " + t("page.ro.stockUnknown")];
  if (r.hoursToRunOut !== null) {
    return r.hoursToRunOut <= 0 ? [t("page.ro.ranOut", { when: weekday(r.runsOutAt) })]
      : [el("strong", {}, t("page.ro.runsOut", { in: aboutHours(r.hoursToRunOut) })), " (" + weekday(r.runsOutAt) + ")"];
  }
  // No run-out with cover under the 72 h horizon: the status carries no projection (an older sites app).
  if (r.daysOfCover !== null) {
    return [t(r.daysOfCover * 24 >= 72 ? "page.ro.beyond72" : "page.ro.notProjected") + " · "
      + t("page.ro.daysOfCover", { days: t("count.days", { n: Number(r.daysOfCover.toFixed(1)) }) })];
  }
  return [t("page.ro.notUsedUp")];
}

function band(r) {
  if (!r.runsOutEarliest) return "–";
  const low = aboutHours(hoursBetween(r.updatedAt, r.runsOutEarliest)) + " (" + weekday(r.runsOutEarliest) + ")";
  const high = r.runsOutLatest ? aboutHours(hoursBetween(r.updatedAt, r.runsOutLatest)) + " (" + weekday(r.runsOutLatest) + ")"
    : t("page.ro.beyond72");
  return t("page.ro.band", { low, high });
}

function stock(r) {
  if (!r.reported) return el("span", { class: "flag" }, t("page.notReported"));
  const now = t(r.estimated ? "page.ro.aboutLeft" : "page.ro.left", { quantity: quantity(r.stock, r.unit) });
  return r.overdrawnAt ? [now, el("div", { class: "flag" }, t("page.ro.overdrawn", { when: weekday(r.overdrawnAt) }))]
    : now;
}

function lastCount(r) {
  if (r.countedStock === null || !r.countedAt) return el("span", { class: "muted" }, r.reported ? t("page.ro.neverCounted") : "–");
  return t("page.ro.counted", { age: age(hoursBetween(r.countedAt, r.updatedAt)), quantity: quantity(r.countedStock, r.unit) });
}

function convoys(r) {
  if (!r.deliveries.length) return el("span", { class: "muted" }, t("page.ro.noConvoys"));
  return el("ul", { class: "convoys" }, r.deliveries.map((d) => el("li", { class: d.counted ? "" : "overdue" },
    d.convoy + ": " + quantity(d.quantity, r.unit) + " " + weekday(d.expectedAt),
    d.counted ? "" : el("span", { class: "badge warning" }, t("page.ro.overdue")))));
}

export function renderRunOut(rows, people) {
  const estimated = new Set(people.filter((p) => p.populationEstimated).map((p) => p.site));
  const population = new Map(people.map((p) => [p.site, p.population]));
  $("runout").replaceChildren(rows.length ? el("table", { class: "runout" },
    el("thead", {}, el("tr", {}, ["what", "runsOut", "band", "stock", "count", "convoys"]
      .map((h) => el("th", { scope: "col" }, t("page.ro.col." + h))))),
    el("tbody", {}, rows.map((r) => el("tr", { class: r.severity + (r.reported ? "" : " unreported"), "data-runout": r.site + "/" + r.item },
      el("td", {}, el("strong", {}, named("item.", r.item)), " " + t("page.ro.at") + " ", r.siteName, el("div", { class: "muted" },
        t("count.people", { n: population.get(r.site) || 0 }), estimated.has(r.site) ? " (" + t("page.estimated") + ")" : "")),
      el("td", {}, runsOut(r)), el("td", { "data-label": "band" }, band(r)),
      el("td", { "data-label": "stock" }, stock(r)), el("td", { "data-label": "count" }, lastCount(r)),
      el("td", { "data-label": "convoys" }, convoys(r))))))
    : el("p", { class: "empty" }, t("page.sites.empty")));
}

const VULNERABLE = ["unaccompaniedChildren", "disabled", "needsMedicalCare", "pregnant", "over60"];

export function renderPeople(people) {
  $("people").replaceChildren(people.length ? el("table", { class: "people" },
    el("thead", {}, el("tr", {}, ["site", "people", "arriving", "leaving"].map((h) => "page.pp." + h)
      .concat(VULNERABLE.map((key) => "page.vulnerable." + key)).map((h) => el("th", { scope: "col" }, t(h))))),
    el("tbody", {}, people.map((p) => el("tr", { "data-people": p.site },
      el("td", {}, p.name),
      el("td", { class: "num" }, number.format(p.population), p.populationEstimated
        ? el("span", { class: "badge estimated", title: t("page.pp.estimatedTitle", { n: p.estimatedDepartures }) },
          t("page.estimated")) : ""),
      el("td", { class: "num" }, number.format(Math.round(p.arrivalsPerHour))),
      el("td", { class: "num" }, number.format(Math.round(p.departuresPerHour))),
      VULNERABLE.map((key) => el("td", { class: "num" }, p.vulnerable ? number.format(p.vulnerable[key]) : "–"))))))
    : el("p", { class: "empty" }, t("page.sites.empty")));
}
