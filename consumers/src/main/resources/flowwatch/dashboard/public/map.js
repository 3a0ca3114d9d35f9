// The posts and sites on a map of Armenia and its neighbours, drawn as SVG from world-atlas's TopoJSON (Natural Earth,
// shipped with the app: no tile server, no CDN). Projection: equirectangular around 40° N, enough for one country.
"use strict";
import { $, svg, aboutHours } from "./dom.js";
import { t } from "./i18n.js";

const W = 800;
const BOX = { west: 43.2, east: 47.0, south: 38.7, north: 41.45 };
const COS = Math.cos((BOX.north + BOX.south) / 2 * Math.PI / 180);
const H = Math.round(W * (BOX.north - BOX.south) / ((BOX.east - BOX.west) * COS));
const x = (lon) => (lon - BOX.west) / (BOX.east - BOX.west) * W;
const y = (lat) => (BOX.north - lat) / (BOX.north - BOX.south) * H;
// Country labels where they read well in this box (ISO 3166 numeric ids, as world-atlas keys them).
const LABELS = { "051": ["ARMENIA", 44.75, 40.55], "031": ["AZERBAIJAN", 46.55, 40.75], "268": ["GEORGIA", 44.2, 41.3],
  "364": ["IRAN", 46.4, 38.85], "792": ["TURKEY", 43.45, 39.95] };
const NAKHCHIVAN = ["Nakhchivan (AZ)", 45.3, 39.3];

let countries = null;

function inBox(ring) {
  return ring.some(([lon, lat]) => lon >= BOX.west - 1 && lon <= BOX.east + 1 && lat >= BOX.south - 1 && lat <= BOX.north + 1);
}

function path(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.filter((polygon) => inBox(polygon[0])).map((polygon) => polygon.map((ring) =>
    "M" + ring.map(([lon, lat]) => x(lon).toFixed(1) + "," + y(lat).toFixed(1)).join("L") + "Z").join("")).join("");
}

/** Reads the shipped TopoJSON once; {@code onReady} redraws with it. */
export function loadCountries(onReady, onError) {
  fetch("vendor/world-atlas/countries-50m.json").then((r) => r.ok ? r.json() : Promise.reject(new Error("map: " + r.status)))
    .then((topology) => {
      countries = window.topojson.feature(topology, topology.objects.countries).features
        .map((f) => ({ id: f.id, d: path(f.geometry) })).filter((c) => c.d);
      onReady();
    }).catch(onError);
}

function outline(map) {
  (countries || []).forEach((c) => map.append(svg("path", { d: c.d, class: "country" + (c.id === "051" ? " home" : ""),
    "data-country": c.id })));
  (countries || []).filter((c) => LABELS[c.id]).forEach((c) => {
    const [name, lon, lat] = LABELS[c.id];
    map.append(svg("text", { x: x(lon), y: y(lat), class: "country-name", "text-anchor": "middle" }, name));
  });
  if (countries) map.append(svg("text", { x: x(NAKHCHIVAN[1]), y: y(NAKHCHIVAN[2]), class: "country-name small",
    "text-anchor": "middle" }, NAKHCHIVAN[0]));
}

function marker(place) {
  const cx = x(place.lon), cy = y(place.lat);
  const shape = place.kind === "border_post"
    ? svg("rect", { x: cx - 7, y: cy - 7, width: 14, height: 14, transform: "rotate(45 " + cx + " " + cy + ")" })
    : svg("circle", { cx, cy, r: 9 });
  const group = svg("g", { class: "place " + place.urgency, "data-place": place.id });
  const label = place.name + (place.hoursToRunOut !== null ? " · " + t("page.map.runsOut", { in: aboutHours(place.hoursToRunOut) }) : "");
  group.append(svg("title", {}, label + " (" + place.urgency + ")"), shape,
    // Labels near the east edge go to the left of the marker, so they stay inside the map.
    svg("text", { x: cx > W * 0.6 ? cx - 13 : cx + 13, y: cy + 5, class: "place-name",
      "text-anchor": cx > W * 0.6 ? "end" : "start" }, label));
  return group;
}

export function renderMap(places) {
  const map = $("map");
  map.setAttribute("viewBox", "0 0 " + W + " " + H);
  map.replaceChildren();
  outline(map);
  // Worst last, so it is drawn on top where markers overlap.
  const order = ["unknown", "ok", "info", "warning", "critical"];
  places.filter((p) => p.lon >= BOX.west && p.lon <= BOX.east && p.lat >= BOX.south && p.lat <= BOX.north)
    .sort((a, b) => order.indexOf(a.urgency) - order.indexOf(b.urgency)).forEach((p) => map.append(marker(p)));
  $("map-note").textContent = places.length ? "" : t("page.map.empty");
}
