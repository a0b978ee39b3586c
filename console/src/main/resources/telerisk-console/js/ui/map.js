// The map wrapper: Leaflet (from its WebJar) drawing GeoJSON on a plain background. No tile server: the demo
// works offline, and positions never leave the hub.
import { h } from './dom.js';
import { t } from '../i18n.js';

let leafletModule = null;
function leaflet() {
  if (!leafletModule) {
    if (!document.querySelector('link[data-leaflet]')) {
      document.head.append(h('link', { rel: 'stylesheet', href: 'vendor/leaflet/dist/leaflet.css', 'data-leaflet': '' }));
    }
    leafletModule = import('../../vendor/leaflet/dist/leaflet-src.esm.js');
  }
  return leafletModule;
}

/**
 * A map of GeoJSON features; style(feature) gives each its colour, label(feature) its tooltip text and
 * onSelect(feature) makes it clickable. Returns { element, ready: Promise<map> }.
 */
export function geoMap(titleKey, featureCollection, { style, label, onSelect, params } = {}) {
  const box = h('div', { class: 'map', role: 'region', 'aria-label': t(titleKey, params) });
  const element = h('figure', {}, h('figcaption', {}, t(titleKey, params)), box);
  const ready = leaflet().then(L => {
    const map = L.map(box, { attributionControl: false, zoomSnap: 0.25 });
    const layer = L.geoJSON(featureCollection, {
      style: f => ({ weight: 2, color: '#14283d', fillOpacity: 0.55, fillColor: '#0b5cad', ...(style ? style(f) : {}) }),
      pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 6 }),
      onEachFeature: (f, l) => {
        if (label) l.bindTooltip(label(f));
        if (onSelect) l.on('click', () => onSelect(f));
      }
    }).addTo(map);
    const bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
    else map.setView([0, 0], 2);
    return map;
  });
  return { element, ready };
}
