// The archive's map: Natural Earth countries and Indonesian provinces from /static/vendor (no
// tiles, nothing fetched from elsewhere), provinces shaded by articles, places as circles.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined" || typeof topojson === "undefined") return;
  var province = el.getAttribute("data-province") || "";
  var map = L.map(el, { attributionControl: false, worldCopyJump: true }).setView([-2.5, 118], 4);
  var shades = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];  // ColorBrewer Blues

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function shade(n, max) {
    if (!n) return shades[0];
    var i = Math.min(shades.length - 1, 1 + Math.floor((shades.length - 1) * Math.log(n) / Math.log(max + 1)));
    return shades[i];
  }
  var q = province ? "&province=" + encodeURIComponent(province) : "";
  Promise.all([
    getJSON("/static/vendor/countries-50m.json"),
    getJSON("/static/vendor/id-provinces.json"),
    getJSON("/api/places/regions?country=ID"),
    getJSON("/api/places.geojson?limit=1000" + q),
  ]).then(function (res) {
    var world = res[0], prov = res[1], regions = res[2].regions, places = res[3];
    // Antarctica (010) is left out; Russia (643) and Fiji (242) cross the antimeridian: their
    // western-hemisphere parts are drawn east of 180 degrees, so no ring spans the whole map
    var wrap = { "643": true, "242": true };
    var countries = topojson.feature(world, world.objects.countries);
    countries.features = countries.features.filter(function (f) { return f.id !== "010"; });
    countries.features.forEach(function (f) {
      if (!wrap[f.id]) return;
      var polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      polys.forEach(function (poly) {
        poly.forEach(function (ring) { ring.forEach(function (pt) { if (pt[0] < 0) pt[0] += 360; }); });
      });
    });
    L.geoJSON(countries, {
      style: { color: "#999", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1 },
    }).addTo(map);
    var counts = {}, max = 1;
    regions.forEach(function (r) { counts[r.admin1] = r.n_articles; max = Math.max(max, r.n_articles); });
    var provLayer = L.geoJSON(topojson.feature(prov, prov.objects.provinces), {
      style: function (f) {
        var on = province && f.properties.name === province;
        return { color: on ? "#d55e00" : "#555", weight: on ? 2.5 : 0.7, fillColor: shade(counts[f.properties.name], max), fillOpacity: 0.85 };
      },
      onEachFeature: function (f, layer) {
        var n = counts[f.properties.name] || 0;
        layer.bindTooltip(esc(f.properties.name) + ": " + n + " article" + (n === 1 ? "" : "s"));
        layer.on("click", function () { window.location = "/map?province=" + encodeURIComponent(f.properties.name); });
      },
    }).addTo(map);
    var maxA = 1;
    places.features.forEach(function (f) { maxA = Math.max(maxA, f.properties.n_articles); });
    var pts = L.geoJSON(places, {
      pointToLayer: function (f, latlng) {
        var r = 4 + 12 * Math.sqrt(f.properties.n_articles / maxA);
        return L.circleMarker(latlng, { radius: r, color: "#fff", weight: 1, fillColor: "#d55e00", fillOpacity: 0.8, className: "place" });
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        layer.bindPopup('<a href="/places/' + encodeURIComponent(p.source).replace(/%3A/g, ":") + '">' + esc(p.place || p.name) +
          "</a><br>" + esc([p.admin2, p.admin1, p.country].filter(Boolean).join(", ")) + "<br>" + p.n_articles + " article" + (p.n_articles === 1 ? "" : "s"));
      },
    }).addTo(map);
    if (province) {
      provLayer.eachLayer(function (l) { if (l.feature.properties.name === province) map.fitBounds(l.getBounds()); });
    } else if (places.features.length) {
      map.fitBounds(pts.getBounds().pad(0.2), { maxZoom: 6 });
    }
    var legend = L.control({ position: "bottomleft" });
    legend.onAdd = function () {
      var d = L.DomUtil.create("div", "map-legend");
      d.innerHTML = "articles per province<br>" + shades.map(function (c, i) {
        return '<i class="s' + i + '"></i>';
      }).join("") + " 0 → " + max;
      return d;
    };
    legend.addTo(map);
    el.setAttribute("data-ready", String(places.features.length));
  }).catch(function (err) {
    el.setAttribute("data-error", String(err));
    el.textContent = "The map could not be drawn: " + err;
  });
})();
