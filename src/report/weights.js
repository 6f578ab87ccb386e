// profilmatch report: live re-ranking with other competency weights.
// Same arithmetic as `profilmatch score --weight`: total = Σ Wₖ·scoreₖ / Σ Wₖ, summed in rubric
// order from the embedded unrounded scores; ranking = by group (no requirement not met and the
// core area documented; then the core area not documented; then a requirement not met, the core
// score Σ Wₖ/ΣW·scoreₖ over the core competencies recomputed under the page's weights), then the
// total rounded to 6 decimals (descending), then the id compared as UTF-8 bytes. Equal rounded
// totals in the same group share a rank; the shortlist is the first N plus everyone
// tied with the N-th. Scores arrive as the 16 hex digits of their IEEE 754 bits, so the page ranks
// on exactly the numbers `profilmatch score` ranks on; totals are shown with one decimal, as in
// the rest of the report. Nothing is sent anywhere.
(function () {
  'use strict';
  var source = document.getElementById('report-data');
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var encoder = new TextEncoder();
  function fromBits(hex) {
    var view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, parseInt(hex.slice(0, 8), 16));
    view.setUint32(4, parseInt(hex.slice(8, 16), 16));
    return view.getFloat64(0);
  }
  var apps = data.applicants.map(function (a) {
    return {
      id: a.id, name: a.name, scores: a.scores.map(fromBits), meets: a.meets, notMet: a.notMet,
      bytes: encoder.encode(a.id)
    };
  });
  var weights = data.competencies.map(function (c) { return c.weight; });

  // Rust's f64::round rounds half away from zero; Math.round rounds half up (-2.5 -> -2) and
  // Math.floor(x + 0.5) is wrong for the largest double below one half. x - trunc(x) is exact in binary
  // floating point, so this is identical to Rust's (x * 1e6).round() / 1e6.
  function round6(value) {
    var x = value * 1e6;
    var t = Math.trunc(x);
    if (Math.abs(x - t) >= 0.5) t += Math.sign(x);
    var r = t / 1e6;
    return r === 0 ? 0 : r; // no "-0", as rank::round6
  }

  function compareBytes(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      if (a[i] !== b[i]) return a[i] - b[i];
    }
    return a.length - b.length;
  }

  // 0: ranked first; 1: the core area not documented; 2: a requirement not met (as rank::Standing).
  function standing(a, ws) {
    if (a.notMet) return 2;
    if (!data.core) return 0;
    var weight = 0;
    for (var k = 0; k < ws.length; k++) if (data.core.mask[k]) weight += ws[k];
    var score = 0;
    for (var j = 0; j < ws.length; j++) if (data.core.mask[j]) score += ws[j] / weight * a.scores[j];
    return score + data.core.tolerance >= data.core.minScore ? 0 : 1;
  }

  function rank(ws) {
    var sum = 0;
    ws.forEach(function (w) { sum += w; });
    var rows = apps.map(function (a) {
      var total = 0;
      for (var k = 0; k < ws.length; k++) total += ws[k] * a.scores[k];
      total = total / sum;
      return { app: a, total: total, rounded: round6(total), standing: standing(a, ws) };
    });
    rows.sort(function (x, y) {
      if (x.standing !== y.standing) return x.standing - y.standing;
      if (x.rounded !== y.rounded) return y.rounded - x.rounded;
      return compareBytes(x.app.bytes, y.app.bytes);
    });
    rows.forEach(function (r, i) {
      var prev = rows[i - 1];
      r.rank = prev && prev.standing === r.standing && prev.rounded === r.rounded ? prev.rank : i + 1;
    });
    rows.forEach(function (r, i) {
      r.tied = (i > 0 && rows[i - 1].rank === r.rank) || (i + 1 < rows.length && rows[i + 1].rank === r.rank);
    });
    return rows;
  }

  function topLen(rows, n) {
    if (n === 0 || n >= rows.length) return Math.min(n, rows.length);
    var cut = rows[n - 1].rank;
    var len = n;
    while (len < rows.length && rows[len].rank === cut) len++;
    return len;
  }

  function decimal(text) { return data.decimalComma ? text.replace('.', ',') : text; }
  // One decimal, rounded half away from zero as the report's Rust side does; never "-0.0".
  function oneDecimal(value) {
    var x = Math.abs(value) * 10;
    var t = Math.trunc(x);
    if (x - t >= 0.5) t += 1;
    var r = Math.sign(value) * t / 10;
    return (r === 0 ? 0 : r).toFixed(1);
  }

  var SVG = 'http://www.w3.org/2000/svg';
  function miniBars(scores) {
    var svg = document.createElementNS(SVG, 'svg');
    var w = 9, gap = 3, h = 22, width = (w + gap) * scores.length;
    svg.setAttribute('class', 'mini');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + h);
    svg.setAttribute('width', width);
    svg.setAttribute('height', h);
    svg.setAttribute('aria-hidden', 'true');
    scores.forEach(function (s, i) {
      var x = (w + gap) * i;
      var bh = Math.max(1, h * Math.min(100, Math.max(0, s)) / 100);
      var bg = document.createElementNS(SVG, 'rect');
      bg.setAttribute('x', x); bg.setAttribute('y', 0); bg.setAttribute('width', w); bg.setAttribute('height', h);
      bg.setAttribute('fill', '#e6ebf0');
      var bar = document.createElementNS(SVG, 'rect');
      bar.setAttribute('x', x); bar.setAttribute('y', (h - bh).toFixed(2));
      bar.setAttribute('width', w); bar.setAttribute('height', bh.toFixed(2));
      bar.setAttribute('fill', '#2f6f8f');
      var title = document.createElementNS(SVG, 'title');
      title.textContent = data.competencies[i].label + ': ' + decimal(oneDecimal(s));
      bar.appendChild(title);
      svg.appendChild(bg);
      svg.appendChild(bar);
    });
    return svg;
  }

  function cell(tr, text, cls) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function fill(tbody, rows) {
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-id', r.app.id);
      cell(tr, r.rank + (r.tied ? '=' : ''), 'rank');
      cell(tr, r.app.id, 'id');
      if (data.names) cell(tr, r.app.name || '', 'name');
      cell(tr, decimal(oneDecimal(r.total)), 'num');
      cell(tr, '', 'bars').appendChild(miniBars(r.app.scores));
      var flag = r.standing === 2 ? [data.labels.no, 'flag fail']
        : r.standing === 1 ? [data.labels.core, 'flag fail']
        : r.app.meets ? [data.labels.yes, 'flag ok'] : [data.labels.check, 'flag check'];
      var meets = cell(tr, flag[0], flag[1]);
      meets.setAttribute('data-meets', r.app.meets ? '1' : '0');
      tbody.appendChild(tr);
    });
  }

  function same(ws) {
    return ws.every(function (w, i) { return w === data.competencies[i].weight; });
  }

  function update() {
    var state = document.getElementById('weights-state');
    var sum = 0;
    weights.forEach(function (w) { sum += w; });
    data.competencies.forEach(function (c, i) {
      var out = document.getElementById('weight-value-' + i);
      var share = sum > 0 ? (100 * weights[i] / sum).toFixed(0) : '0';
      out.textContent = decimal(String(weights[i])) + ' (' + share + ' %)';
    });
    if (!(sum > 0)) {
      state.textContent = data.labels.allZero;
      state.className = 'state warn';
      return;
    }
    var rows = rank(weights);
    var n = topLen(rows, data.shortlist);
    fill(document.querySelector('#shortlist tbody'), rows.slice(0, n));
    var rest = document.querySelector('#rest tbody');
    if (rest) fill(rest, rows.slice(n));
    if (same(weights)) {
      state.textContent = data.labels.rubricWeights;
      state.className = 'state';
    } else {
      state.textContent = data.labels.adjusted + ' ' + data.competencies.map(function (c, i) {
        return c.id + '=' + decimal(String(weights[i]));
      }).join(', ');
      state.className = 'state adjusted';
    }
    document.body.setAttribute('data-ranked', String(Date.now()));
  }

  var panel = document.getElementById('weights');
  panel.hidden = false;
  data.competencies.forEach(function (c, i) {
    var slider = document.getElementById('weight-' + i);
    slider.addEventListener('input', function () {
      var w = parseFloat(slider.value);
      weights[i] = isFinite(w) && w >= 0 ? w : 0;
      update();
    });
  });
  document.getElementById('weights-reset').addEventListener('click', function () {
    data.competencies.forEach(function (c, i) {
      weights[i] = c.weight;
      document.getElementById('weight-' + i).value = String(c.weight);
    });
    update();
  });
  update();
})();
