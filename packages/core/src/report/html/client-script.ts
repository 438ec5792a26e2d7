/**
 * The page script (vanilla JS, no network): table filters, and the details rows that open below
 * a profile or drift row and draw its plots into SVG from the JSON stored in the row, the first
 * time they are opened. Plot specs are described by `PlotSpec` in plot-specs.ts. Every string from
 * the data reaches the page through textContent or setAttribute, never as markup.
 *
 * Written without template literals so it can live in this TypeScript string unchanged.
 */
export const CLIENT_SCRIPT = `
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var W = 440, M = { l: 58, r: 14, t: 24, b: 42 };

  function h(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function s(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function tip(e, text) { e.appendChild(s('title', {}, text)); return e; }

  function fmt(x) {
    if (x === null || x === undefined) return '\\u2014';
    if (!isFinite(x)) return isNaN(x) ? 'NaN' : (x > 0 ? '\\u221e' : '-\\u221e');
    if (x === 0) return '0';
    var a = Math.abs(x);
    if (Number.isInteger(x) && a < 1e15) return String(x);
    if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(4)));
    var p = x.toExponential(2).split('e');
    return p[0].replace(/\\.?0+$/, '') + 'e' + p[1].replace('+', '');
  }
  // Axis labels: the date alone when the axis spans days, else month, day and time.
  function fmtDate(ms, span) {
    var d = new Date(ms);
    if (isNaN(d.getTime())) return fmt(ms);
    var iso = d.toISOString();
    if (span === undefined) return ms % 86400000 === 0 ? iso.slice(0, 10) : iso.slice(0, 10) + ' ' + iso.slice(11, 16);
    return span >= 2 * 86400000 ? iso.slice(0, 10) : iso.slice(5, 10) + ' ' + iso.slice(11, 16);
  }
  function pct(x) { return fmt(Number((x * 100).toPrecision(3))) + '%'; }

  function scale(d0, d1, r0, r1) {
    if (!(d1 > d0)) { d0 -= 0.5; d1 += 0.5; }
    var k = (r1 - r0) / (d1 - d0);
    return function (v) { return Math.round((r0 + (v - d0) * k) * 10) / 10; };
  }
  function ticks(lo, hi, n) {
    if (!(hi > lo)) return [lo];
    var raw = (hi - lo) / n, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    var step = (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * p, out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
    return out;
  }
  // Date axes spanning days get ticks at whole days (midnight UTC).
  function axisTicks(lo, hi, n, date) {
    var day = 86400000;
    if (!date || hi - lo < 2 * day) return ticks(lo, hi, n);
    return ticks(lo / day, hi / day, n).map(function (t) { return Math.round(t) * day; });
  }
  function extent(values) {
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < values.length; i++) { var v = values[i]; if (isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; } }
    return lo <= hi ? [lo, hi] : [0, 1];
  }

  function frame(spec, height) {
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + height, width: W, height: height, class: 'plot', role: 'img', 'aria-label': spec.title });
    tip(svg, spec.title);
    return svg;
  }
  function axes(svg, X, Y, xd, yd, o) {
    var H = o.height, L = o.left || M.l, g = s('g', {});
    axisTicks(xd[0], xd[1], o.dx ? 3 : 5, o.dx).forEach(function (t) {
      var x = X(t);
      if (x < L - 0.5 || x > W - M.r + 0.5) return;
      g.appendChild(s('line', { class: 'grid', x1: x, x2: x, y1: o.top || M.t, y2: H - M.b }));
      g.appendChild(s('text', { x: x, y: H - M.b + 14, 'text-anchor': 'middle' }, o.dx ? fmtDate(t, xd[1] - xd[0]) : o.xpct ? pct(t) : fmt(t)));
    });
    if (Y) axisTicks(yd[0], yd[1], o.dy ? 3 : 4, o.dy).forEach(function (t) {
      var y = Y(t);
      if (y < M.t - 0.5 || y > H - M.b + 0.5) return;
      g.appendChild(s('line', { class: 'grid', x1: L, x2: W - M.r, y1: y, y2: y }));
      g.appendChild(s('text', { x: L - 5, y: y + 3.5, 'text-anchor': 'end' }, o.dy ? fmtDate(t, yd[1] - yd[0]) : fmt(t)));
    });
    g.appendChild(s('line', { class: 'axis', x1: L, x2: W - M.r, y1: H - M.b, y2: H - M.b }));
    g.appendChild(s('line', { class: 'axis', x1: L, x2: L, y1: o.top || M.t, y2: H - M.b }));
    g.appendChild(s('text', { x: L + (W - L - M.r) / 2, y: H - 8, 'text-anchor': 'middle' }, o.xt));
    if (o.yt) g.appendChild(s('text', { transform: 'translate(12 ' + (M.t + (H - M.t - M.b) / 2) + ') rotate(-90)', 'text-anchor': 'middle' }, o.yt));
    svg.appendChild(g);
  }
  function legend(svg, names) {
    if (names.length < 2) return;
    var x = W - M.r;
    for (var i = names.length - 1; i >= 0; i--) {
      var t = s('text', { class: 'lg', x: x, y: 13, 'text-anchor': 'end' }, names[i]);
      svg.appendChild(t);
      x -= names[i].length * 6.2 + 4;
      svg.appendChild(s('rect', { class: 's' + i, x: x - 10, y: 4, width: 10, height: 10 }));
      x -= 22;
    }
  }

  function edges(ser) {
    var n = ser.v.length, e = ser.e;
    if (e.length === n + 1) return e;
    var out = [];
    for (var i = 0; i <= n; i++) out.push(i === n ? e[1] : e[0] + ((e[1] - e[0]) * i) / n);
    return out;
  }
  function hist(spec) {
    var H = 240, xs = [], ys = [0];
    spec.s.forEach(function (ser) { ser.e = edges(ser); xs = xs.concat(ser.e); ys = ys.concat(ser.v); });
    var xd = extent(xs), yd = [0, extent(ys)[1] * 1.05 || 1];
    var svg = frame(spec, H), X = scale(xd[0], xd[1], M.l, W - M.r), Y = scale(yd[0], yd[1], H - M.b, M.t);
    axes(svg, X, Y, xd, yd, { height: H, dx: spec.dx, xt: spec.x, yt: spec.y });
    var multi = spec.s.length > 1;
    spec.s.forEach(function (ser, k) {
      var g = s('g', { class: 's' + k + (multi ? ' ov' : '') });
      ser.v.forEach(function (v, i) {
        var a = X(ser.e[i]), b = X(ser.e[i + 1]), y = Y(v);
        var r = s('rect', { x: a, y: y, width: Math.max(b - a - (multi ? 0 : 1), 0.8), height: Math.max(Y(0) - y, 0) });
        var lo = spec.dx ? fmtDate(ser.e[i]) : fmt(ser.e[i]), hi = spec.dx ? fmtDate(ser.e[i + 1]) : fmt(ser.e[i + 1]);
        g.appendChild(tip(r, (multi ? ser.n + ': ' : '') + '[' + lo + ', ' + hi + ']: ' + fmt(v)));
      });
      svg.appendChild(g);
    });
    legend(svg, spec.s.map(function (ser) { return ser.n; }));
    return svg;
  }

  function line(spec) {
    var H = 240, xs = [], ys = [];
    spec.s.forEach(function (ser) { ser.p.forEach(function (p) { xs.push(p[0]); ys.push(p[1]); }); });
    var xd = extent(xs), yd = extent(ys);
    if (spec.diag) { var lo = Math.min(xd[0], yd[0]), hi = Math.max(xd[1], yd[1]); xd = [lo, hi]; yd = [lo, hi]; }
    var pad = (yd[1] - yd[0]) * 0.04 || 0.5; yd = [yd[0] - pad, yd[1] + pad];
    var L = spec.dy ? 92 : M.l;
    var svg = frame(spec, H), X = scale(xd[0], xd[1], L, W - M.r), Y = scale(yd[0], yd[1], H - M.b, M.t);
    axes(svg, X, Y, xd, yd, { height: H, left: L, dx: spec.dx, dy: spec.dy, xt: spec.x, yt: spec.y });
    if (spec.diag) svg.appendChild(s('line', { class: 'diag', x1: X(xd[0]), y1: Y(xd[0]), x2: X(xd[1]), y2: Y(xd[1]) }));
    spec.s.forEach(function (ser, k) {
      var g = s('g', { class: 's' + k });
      g.appendChild(s('polyline', { points: ser.p.map(function (p) { return X(p[0]) + ',' + Y(p[1]); }).join(' ') }));
      ser.p.forEach(function (p) {
        var fx = spec.dx ? fmtDate(p[0]) : fmt(p[0]), fy = spec.dy ? fmtDate(p[1]) : fmt(p[1]);
        g.appendChild(tip(s('circle', { cx: X(p[0]), cy: Y(p[1]), r: 3 }), spec.x + ' ' + fx + ', ' + spec.y + ' ' + fy));
      });
      svg.appendChild(g);
    });
    legend(svg, spec.s.map(function (ser) { return ser.n; }));
    return svg;
  }

  function hbar(spec) {
    var ns = spec.s.length, band = ns > 1 ? 8 + 9 * ns : 17, L = 130, top = ns > 1 ? 22 : 8;
    var H = top + spec.c.length * band + 40;
    var all = [];
    spec.s.forEach(function (ser) { all = all.concat(ser.v); });
    // Bars grow from 0, to the left for negative values (a row's SHAP contributions).
    var ext = extent(all.concat([0])), max = ext[1] || (ext[0] < 0 ? 0 : 1), min = ext[0];
    var svg = frame(spec, H), X = scale(min * 1.12, max * 1.12, L, W - M.r);
    axes(svg, X, null, [min * 1.12, max * 1.12], null, { height: H, left: L, top: top, xt: spec.x, xpct: spec.pct });
    spec.c.forEach(function (cat, i) {
      var y0 = top + i * band;
      var label = cat.length > 20 ? cat.slice(0, 19) + '\\u2026' : cat;
      svg.appendChild(tip(s('text', { x: L - 6, y: y0 + band / 2 + 3.5, 'text-anchor': 'end' }, label), cat));
      spec.s.forEach(function (ser, k) {
        var v = ser.v[i], bh = (band - 5) / ns, y = y0 + 2 + k * bh;
        var text = spec.pct ? pct(v) : fmt(v);
        var x0 = X(Math.min(v, 0)), w = Math.abs(X(v) - X(0));
        svg.appendChild(tip(s('rect', { class: 's' + k, x: x0, y: y, width: Math.max(w, v !== 0 ? 1 : 0), height: Math.max(bh - 1, 1) }), (ns > 1 ? ser.n + ', ' : '') + cat + ': ' + text));
        if (ns === 1) svg.appendChild(s('text', { x: X(Math.max(v, 0)) + 4, y: y + bh / 2 + 3 }, text));
      });
    });
    legend(svg, spec.s.map(function (ser) { return ser.n; }));
    return svg;
  }

  var DRAW = { hist: hist, line: line, hbar: hbar };

  function render(box, panel) {
    if (panel.p.length > 0) {
      var plots = h('div', 'plots');
      panel.p.forEach(function (spec) {
        var fig = h('figure', 'plot');
        fig.appendChild(DRAW[spec.k](spec));
        fig.appendChild(h('figcaption', '', spec.title));
        plots.appendChild(fig);
      });
      box.appendChild(plots);
    }
    if (panel.s && panel.s.length > 0) {
      var dl = h('dl', 'stats');
      panel.s.forEach(function (kv) { var d = h('div'); d.appendChild(h('dt', '', kv[0])); d.appendChild(h('dd', '', kv[1])); dl.appendChild(d); });
      box.appendChild(dl);
    }
    if (panel.t && panel.t.length > 0) {
      var ul = h('ul', 'notes');
      panel.t.forEach(function (t) { ul.appendChild(h('li', '', t)); });
      box.appendChild(ul);
    }
  }

  var opened = 0;
  function toggle(button) {
    var row = button.closest('tr');
    var open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    button.title = open ? 'Hide details' : 'Show details';
    var next = row.nextElementSibling;
    if (next && next.classList.contains('dr')) { next.hidden = !open; return; }
    if (!open) return;
    var tr = h('tr', 'dr'), td = h('td'), panel = h('div', 'panel');
    tr.id = 'dr-' + (++opened);
    td.colSpan = row.closest('table').tHead.rows[0].cells.length;
    td.appendChild(panel);
    tr.appendChild(td);
    row.after(tr);
    button.setAttribute('aria-controls', tr.id);
    try { render(panel, JSON.parse(button.nextElementSibling.textContent)); }
    catch (err) { panel.textContent = 'Could not draw these plots: ' + err.message; }
  }
  document.addEventListener('click', function (ev) {
    var b = ev.target && ev.target.closest ? ev.target.closest('button.tg') : null;
    if (b) toggle(b);
  });

  function rowText(row) {
    if (row.vigieText === undefined) {
      var parts = [];
      for (var i = 0; i < row.cells.length; i++) if (!row.cells[i].classList.contains('tg')) parts.push(row.cells[i].textContent);
      row.vigieText = parts.join(' ').toLowerCase();
    }
    return row.vigieText;
  }
  document.querySelectorAll('[data-filter]').forEach(function (box) {
    var table = document.getElementById(box.getAttribute('data-filter'));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var search = box.querySelector('input[type=search]'), checks = box.querySelectorAll('input[type=checkbox]'), out = box.querySelector('output');
    function apply() {
      var q = search.value.trim().toLowerCase(), allowed = {}, shown = 0;
      checks.forEach(function (c) { allowed[c.value] = c.checked; });
      rows.forEach(function (row) {
        var st = row.getAttribute('data-status');
        var ok = (checks.length === 0 || !st || allowed[st] !== false) && (!q || rowText(row).indexOf(q) >= 0);
        row.hidden = !ok;
        if (ok) shown++;
        var next = row.nextElementSibling, b = row.querySelector('button.tg');
        if (next && next.classList.contains('dr')) next.hidden = !ok || !b || b.getAttribute('aria-expanded') !== 'true';
      });
      out.textContent = shown === rows.length ? '' : 'showing ' + shown + ' of ' + rows.length;
    }
    search.addEventListener('input', apply);
    checks.forEach(function (c) { c.addEventListener('change', apply); });
  });
})();
`;
