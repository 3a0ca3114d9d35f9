// Small helpers the dashboard's scripts share: elements, SVG nodes, numbers, and times in the operation's zone.
"use strict";
import { t, named, dateLocale, formatNumber } from "./i18n.js";

export const HOUR_MS = 3600 * 1000;
/** Numbers grouped the page language's way ("12,400", "12 400"). */
export const number = { format: formatNumber };
export const $ = (id) => document.getElementById(id);

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([key, value]) => {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

export function svg(tag, attrs, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  Object.entries(attrs).forEach(([key, value]) => node.setAttribute(key, value));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Every time on the page is written in the operation's zone (operation.time.zone, sent with each state), never the
// browser's: a replay of 2023 is read in Yerevan time wherever the screen is.
let zone = "Asia/Yerevan";
let stampFormat = null;
let weekdayFormat = null;

let formatsLocale = null;

export function useTimeZone(timeZone) {
  if (timeZone === zone && stampFormat && formatsLocale === dateLocale()) return;
  zone = timeZone;
  formatsLocale = dateLocale();
  if (!Intl.DateTimeFormat.supportedLocalesOf([formatsLocale]).length) {
    stampFormat = namedParts(true);
    weekdayFormat = namedParts(false);
    return;
  }
  stampFormat = new Intl.DateTimeFormat(formatsLocale, { timeZone: zone, day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" });
  weekdayFormat = new Intl.DateTimeFormat(formatsLocale, { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit" });
}

// A browser without the language's date data (Debian's chromium has no Armenian): day and month names from the
// dictionary (page.weekdays, page.months), the 24-hour clock, still in the operation's zone.
const EN_WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function namedParts(withDate) {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", day: "2-digit", month: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const weekdays = t("page.weekdays").split(","), months = t("page.months").split(",");
  return { format: (date) => {
    const p = Object.fromEntries(parts.formatToParts(date).map((part) => [part.type, part.value]));
    const time = p.hour + ":" + p.minute;
    return withDate ? p.day + " " + months[Number(p.month) - 1] + ", " + time : weekdays[EN_WEEKDAYS.indexOf(p.weekday)] + " " + time;
  } };
}
useTimeZone(zone);

/** "26 Sept, 12:00" in the operation's zone. */
export const stamp = (iso) => stampFormat.format(new Date(iso));
/** "Tue 14:00" in the operation's zone. */
export const weekday = (iso) => weekdayFormat.format(new Date(iso));

/** Hours from {@code fromIso} to {@code toIso} (negative when {@code toIso} is earlier). */
export const hoursBetween = (fromIso, toIso) => (Date.parse(toIso) - Date.parse(fromIso)) / HOUR_MS;

/** "~23 h", "~3.5 days", "< 1 h": a duration as a person says it, rounded as the projection deserves. */
export function aboutHours(hours) {
  if (hours < 1) return t("page.time.underAnHour");
  return hours < 72 ? t("page.time.aboutHours", { n: Math.round(hours) }) : t("page.time.aboutDays", { n: Number((hours / 24).toFixed(1)) });
}

/** "35 min", "14 h", "3 days": how long ago, measured on the operation's clock. */
export function age(hours) {
  if (hours < 1) return t("page.time.minutes", { n: Math.max(0, Math.round(hours * 60)) });
  return hours < 48 ? t("page.time.hours", { n: Math.round(hours) }) : t("count.days", { n: Math.round(hours / 24) });
}

/** "4,200 L", "350 ration": a quantity with its unit (page.unit.*), rounded to whole units. */
export function quantity(value, unit) {
  return number.format(Math.round(value)) + " " + named("page.unit.", unit);
}
