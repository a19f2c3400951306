// The Leaflet map: base tiles when configured (a plain background otherwise), the jurisdiction boundary, zones,
// a marker per wristband and a highlighted marker per open alert. Markers are drawn on one canvas, which keeps a
// fleet of thousands of moving points smooth.

import L from 'leaflet';
import { t } from './i18n.js';

const CHINA_CENTRE = [35.0, 105.0];

export class MapView {
  constructor(element, { onSelectDevice }) {
    this.renderer = L.canvas({ padding: 0.3 });
    // Few shapes with outlines people read: boundaries and zones are SVG; the many moving markers share a canvas.
    this.shapes = L.svg();
    this.map = L.map(element, { preferCanvas: true, zoomControl: true, worldCopyJump: true })
      .setView(CHINA_CENTRE, 5);
    this.onSelectDevice = onSelectDevice;
    this.markers = new Map();
    this.deviceLayer = L.layerGroup().addTo(this.map);
    this.alertLayer = L.layerGroup().addTo(this.map);
    this.boundaryLayer = L.geoJSON(null, {
      renderer: this.shapes,
      style: { color: '#1f4e9c', weight: 2, fill: true, fillOpacity: 0.03, dashArray: '6 4', className: 'boundary' },
      onEachFeature: (feature, layer) => layer.bindTooltip(feature.properties.name || feature.properties.id),
    }).addTo(this.map);
    this.zoneLayer = L.geoJSON(null, {
      renderer: this.shapes,
      style: (feature) => zoneStyle(feature),
      onEachFeature: (feature, layer) => layer.bindTooltip(zoneLabel(feature)),
    }).addTo(this.map);
    this.trackLayer = L.layerGroup().addTo(this.map);
  }

  setTiles(tiles) {
    if (tiles && tiles.url) {
      L.tileLayer(tiles.url, { attribution: tiles.attribution || '', maxZoom: 19 }).addTo(this.map);
    } else {
      this.map.getContainer().classList.add('plain-background');
    }
  }

  setJurisdictions(featureCollection) {
    this.boundaryLayer.clearLayers();
    this.boundaryLayer.addData(featureCollection);
    const bounds = this.boundaryLayer.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [20, 20] });
  }

  setZones(featureCollection) {
    this.zoneLayer.clearLayers();
    if (featureCollection && Array.isArray(featureCollection.features)) {
      this.zoneLayer.addData(featureCollection);
    }
  }

  /** Applies one feed event: a snapshot replaces everything, a tick moves and removes markers. */
  applyPositions(event) {
    if (event.snapshot) {
      this.markers.forEach((marker) => this.deviceLayer.removeLayer(marker));
      this.markers.clear();
    }
    for (const device of event.devices) {
      let marker = this.markers.get(device.id);
      if (!marker) {
        marker = L.circleMarker([device.lat, device.lon], {
          renderer: this.renderer, radius: 6, weight: 2, color: '#ffffff', fillOpacity: 0.95,
        });
        marker.on('click', () => this.onSelectDevice(device.id));
        marker.addTo(this.deviceLayer);
        this.markers.set(device.id, marker);
      } else {
        marker.setLatLng([device.lat, device.lon]);
      }
      marker.device = device;
      marker.setStyle({ fillColor: deviceColour(device) });
      marker.unbindTooltip();
      marker.bindTooltip(device.name || device.id);
    }
    for (const id of event.gone) {
      const marker = this.markers.get(id);
      if (marker) {
        this.deviceLayer.removeLayer(marker);
        this.markers.delete(id);
      }
    }
  }

  deviceCount() {
    return this.markers.size;
  }

  showAlerts(alerts) {
    this.alertLayer.clearLayers();
    for (const alert of alerts) {
      if (!alert.position) continue;
      const sos = alert.kind === 'SOS';
      const icon = L.divIcon({
        className: `alert-marker ${sos ? 'sos' : 'zone'} ${alert.state === 'ACKNOWLEDGED' ? 'taken' : ''}`,
        iconSize: [26, 26],
        html: sos ? 'SOS' : '!',
      });
      L.marker([alert.position.lat, alert.position.lon], { icon, zIndexOffset: sos ? 1000 : 500 })
        .on('click', () => this.onSelectDevice(alert.device))
        .bindTooltip(`${alert.child} · ${t(`kind_${alert.kind}`)}`)
        .addTo(this.alertLayer);
    }
  }

  focus(lat, lon) {
    this.map.setView([lat, lon], Math.max(this.map.getZoom(), 14));
  }

  /** Draws a track (GeoJSON Feature) and returns a marker to move during playback. */
  showTrack(feature) {
    this.clearTrack();
    if (!feature.geometry) return null;
    const coordinates = feature.geometry.type === 'Point' ? [feature.geometry.coordinates]
      : feature.geometry.coordinates;
    const latLngs = coordinates.map(([lon, lat]) => [lat, lon]);
    const line = L.polyline(latLngs, { color: '#d9480f', weight: 3, opacity: 0.85 }).addTo(this.trackLayer);
    latLngs.forEach((latLng) => L.circleMarker(latLng, {
      renderer: this.renderer, radius: 2, color: '#d9480f', weight: 1, fillOpacity: 1,
    }).addTo(this.trackLayer));
    const cursor = L.circleMarker(latLngs[latLngs.length - 1], {
      radius: 9, color: '#d9480f', weight: 3, fillColor: '#ffd8a8', fillOpacity: 1,
    }).addTo(this.trackLayer);
    this.map.fitBounds(line.getBounds().pad(0.2), { maxZoom: 16 });
    return cursor;
  }

  clearTrack() {
    this.trackLayer.clearLayers();
  }
}

function deviceColour(device) {
  if (device.worn === false) return '#868e96';
  if (device.battery >= 0 && device.battery < 15) return '#f08c00';
  return '#2b8a3e';
}

function zoneStyle(feature) {
  const kind = (feature.properties && (feature.properties.kind || feature.properties.type)) || '';
  const danger = /danger|forbidden|water|river/i.test(kind);
  return { color: danger ? '#c92a2a' : '#5c940d', weight: 1.5, fillOpacity: 0.12, className: 'zone' };
}

function zoneLabel(feature) {
  const p = feature.properties || {};
  return p.name || p.id || '';
}
