// Small helpers the dashboard's scripts share: elements, SVG nodes, numbers, and times in the operation's zone.
"use strict";

export const HOUR_MS = 3600 * 1000;
export const number = new Intl.NumberFormat("en");
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

export function useTimeZone(timeZone) {
  if (timeZone === zone && stampFormat) return;
  zone = timeZone;
  stampFormat = new Intl.DateTimeFormat("en-GB", { timeZone: zone, day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" });
  weekdayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit" });
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
  if (hours < 1) return "< 1 h";
  return hours < 72 ? "~" + Math.round(hours) + " h" : "~" + (hours / 24).toFixed(1) + " days";
}

/** "35 min", "14 h", "3 days": how long ago, measured on the operation's clock. */
export function age(hours) {
  if (hours < 1) return Math.max(0, Math.round(hours * 60)) + " min";
  return hours < 48 ? Math.round(hours) + " h" : Math.round(hours / 24) + " days";
}

const UNITS = { litre: "L", kilogram: "kg", kg: "kg" };

/** "4,200 L", "350 ration": a quantity with its unit, rounded to whole units. */
export function quantity(value, unit) {
  return number.format(Math.round(value)) + " " + (UNITS[unit] || unit);
}
