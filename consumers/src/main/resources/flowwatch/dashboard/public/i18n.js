// The page's words in one language (hy, ru or en), from the server's dictionary (GET i18n/{lang}: the same
// translation files as the terminal and the alert sentences, flowwatch/i18n/messages_*.properties). The language is
// ?lang= in the address, else the one chosen on the page before (localStorage), else the browser's first of
// hy/ru/en, else English. Patterns are a subset of ICU MessageFormat: {name}, {n, number, integer|percent|0.0} and
// {n, plural, one {# …} few {…} many {…} other {…}} with Intl.PluralRules.
"use strict";

export const LANGUAGES = ["hy", "ru", "en"];
const STORED = "flowwatch.lang";
// Dates stay as the page always wrote them in English (en-GB: "26 Sept, 12:00"); Armenian and Russian their own way.
const DATE_LOCALES = { en: "en-GB", hy: "hy-AM", ru: "ru-RU" };
// A browser without the language's number data (Debian's chromium has no Armenian) groups as Russian does, which
// CLDR writes the same way for Armenian: a no-break space between thousands, a decimal comma.
const NUMBER_FALLBACK = { hy: "ru" };

export let lang = "en";
let words = {};
let plurals = new Intl.PluralRules("en");
let numbers = {};

export function chooseLanguage() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked && LANGUAGES.includes(asked)) localStorage.setItem(STORED, asked);
  const stored = localStorage.getItem(STORED);
  const browser = (navigator.languages || [navigator.language || "en"]).map((l) => l.slice(0, 2).toLowerCase())
    .find((l) => LANGUAGES.includes(l));
  return LANGUAGES.includes(stored) ? stored : (browser || "en");
}

/** Loads {@code language}'s words; the page then writes numbers and plurals the language's way. */
export function loadLanguage(language) {
  return fetch("i18n/" + language).then((r) => r.ok ? r.json() : Promise.reject(new Error("no dictionary for " + language)))
    .then((dictionary) => {
      lang = language;
      words = dictionary;
      plurals = new Intl.PluralRules(lang);
      const numberLocale = Intl.NumberFormat.supportedLocalesOf([lang]).length ? lang : (NUMBER_FALLBACK[lang] || lang);
      numbers = {
        plain: new Intl.NumberFormat(numberLocale),
        integer: new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 0 }),
        percent: new Intl.NumberFormat(numberLocale, { style: "percent" }),
        "0.0": new Intl.NumberFormat(numberLocale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      };
      document.documentElement.lang = lang;
      document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
      document.querySelectorAll("[data-i18n-label]").forEach((node) => node.setAttribute("aria-label", t(node.dataset.i18nLabel)));
    });
}

export const dateLocale = () => DATE_LOCALES[lang];
export const formatNumber = (n) => (numbers.plain || new Intl.NumberFormat("en")).format(n);

/** The pattern under {@code key} with {@code args}; the key itself when the dictionary lacks it (visible, not fatal). */
export function t(key, args) {
  return key in words ? format(words[key], args || {}) : key;
}

/** An item's or unit's name ({@code item.water}), or its id when the files do not name it. */
export const named = (prefix, id) => (prefix + id) in words ? t(prefix + id) : id;

function format(pattern, args) {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== "{") { out += pattern[i]; continue; }
    const end = closing(pattern, i);
    out += argument(pattern.slice(i + 1, end), args);
    i = end;
  }
  return out;
}

function closing(pattern, open) {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    if (pattern[i] === "{") depth++;
    else if (pattern[i] === "}" && --depth === 0) return i;
  }
  throw new Error("unbalanced braces in " + pattern);
}

function argument(body, args) {
  const [name, type] = body.split(",", 2).map((s) => s.trim());
  const value = args[name];
  if (type === "plural") return plural(body.slice(body.indexOf(",", body.indexOf(",") + 1) + 1), Number(value), args);
  if (type === "number") return (numbers[body.split(",")[2].trim()] || numbers.plain).format(value);
  return typeof value === "number" ? numbers.plain.format(value) : String(value);
}

function plural(options, n, args) {
  const forms = {};
  for (let i = 0; i < options.length; i++) {
    if (options[i] !== "{") continue;
    const selector = options.slice(0, i).trim().split(/\s+/).pop();
    const end = closing(options, i);
    forms[selector] = options.slice(i + 1, end);
    options = options.slice(end + 1);
    i = -1;
  }
  const form = forms["=" + n] ?? forms[plurals.select(n)] ?? forms.other;
  return format(form.replaceAll("#", numbers.plain.format(n)), args);
}
