/* hsgraph viz: draws the embedded graph with vis-network.
 * All text from the graph goes into the page through textContent only. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("hsgraph-data").textContent);
  window.hsgraphReady = false;

  var GROUP = "hs-group:";
  var FONT = data.options.nodes.font.size;
  var MIN_PX = 12;          // labels are never drawn smaller than this on screen
  var MAX_PX = 16;          // nor bigger than this, however far one zooms in
  var PAD = 3;              // screen pixels kept free around every label
  var EDGE_PX = 11;          // screen size of the labels on highlighted links
  var MAX_EDGE_LABELS = 60; // a highlight with more links than this labels none of them
  var TIP_CHARS = 200;      // a tooltip shows this much of a very long name
  var DIM = "rgba(255,255,255,0.78)";
  var BUNDLES_PER_GROUP = 4;
  var FIT_MARGIN = 40;      // screen pixels around the fitted nodes, room for the labels below them

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function clip(text, limit) {
    text = String(text);
    return text.length <= limit ? text : text.slice(0, limit) + "…（共 " + text.length + " 字）";
  }
  function row(parent, key, value) {
    var p = el("div");
    p.appendChild(el("span", key + "：", "hs-k"));
    p.appendChild(el("span", value));
    parent.appendChild(p);
  }
  function list(parent, key, items) {
    if (!items.length) return;
    parent.appendChild(el("div", key + "：", "hs-k"));
    var ul = el("ul");
    items.slice(0, 12).forEach(function (t) { ul.appendChild(el("li", clip(t, TIP_CHARS))); });
    if (items.length > 12) ul.appendChild(el("li", "… 另有 " + (items.length - 12) + " 条"));
    parent.appendChild(ul);
  }

  // ---- Index of the data -------------------------------------------------------------------
  var byId = {}, groupByKey = {}, members = {}, incident = {};
  data.nodes.forEach(function (n) {
    byId[n.id] = n;
    if (n.group !== undefined) (members[n.group] = members[n.group] || []).push(n);
  });
  data.groups.forEach(function (g) { groupByKey[g.key] = g; });
  data.edges.forEach(function (e, i) {
    var a = byId[e.from].group, b = byId[e.to].group;
    if (a !== undefined) (incident[a] = incident[a] || []).push(i);
    if (b !== undefined && b !== a) (incident[b] = incident[b] || []).push(i);
  });
  var overview = data.mode === "overview";
  var expanded = {};
  var hiddenTypes = {}, hiddenRels = {};
  var focusId = data.focus ? data.focus.id : null;

  // ---- Tooltips ------------------------------------------------------------------------------
  function nodeTip(n) {
    var box = el("div", null, "hs-tip");
    box.appendChild(el("h3", clip(n.label, TIP_CHARS)));
    row(box, "类型", data.typeLabels[n.type] || n.type);
    if (n.aliases.length) row(box, "别名", clip(n.aliases.join("、"), TIP_CHARS));
    if (n.group !== undefined && groupByKey[n.group]) row(box, "分组", groupByKey[n.group].name + "（双击收起）");
    list(box, "见于文章", n.articles.map(function (a) { return a[1] ? a[0] + "  " + a[1] : a[0]; }));
    list(box, "数字", n.figures.map(function (f) { return f[1] ? f[0] + "（" + f[1] + "）" : f[0]; }));
    return box;
  }
  function groupTip(g) {
    var box = el("div", null, "hs-tip");
    box.appendChild(el("h3", clip(g.name, TIP_CHARS)));
    row(box, "实体", g.count);
    list(box, "其中", g.types.map(function (t) { return (data.typeLabels[t[0]] || t[0]) + " " + t[1]; }));
    box.appendChild(el("div", "点击展开", "hs-k"));
    return box;
  }
  function nameOf(id) {
    if (id.indexOf(GROUP) === 0) return groupByKey[id.slice(GROUP.length)].name;
    return byId[id].label;
  }
  function edgeTip(e) {
    var box = el("div", null, "hs-tip");
    box.appendChild(el("h3", clip(nameOf(e.from), 60) + " —" + data.relations[e.rel] + "→ " + clip(nameOf(e.to), 60)));
    if (e.evidence.length > 1) row(box, "证据句", e.evidence.length);
    list(box, "证据", e.evidence.map(function (ev) { return ev[1] ? "〔" + ev[1] + "〕" + ev[0] : ev[0]; }));
    if (!e.evidence.length) box.appendChild(el("div", "（无证据句）", "hs-k"));
    return box;
  }
  function bundleTip(b) {
    var box = el("div", null, "hs-tip");
    box.appendChild(el("h3", clip(nameOf(b.from), 60) + " — " + clip(nameOf(b.to), 60)));
    row(box, "关系", b.count);
    list(box, "其中", Object.keys(b.rels).sort().map(function (r) { return data.relations[r] + " " + b.rels[r]; }));
    return box;
  }

  // ---- What is on the canvas: entities of open groups, bubbles of closed ones ----------------
  function rep(n) { return n.group !== undefined && !expanded[n.group] ? GROUP + n.group : n.id; }
  function visNode(n) {
    var v = { id: n.id, shape: n.shape, color: n.color, size: n.size,
              title: nodeTip(n), hidden: !!hiddenTypes[n.type] };
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    if (n.id === focusId) { v.borderWidth = 4; v.color = { background: n.color, border: "#111" }; }
    return v;
  }
  function visGroup(g) {
    var colour = g.key.charAt(0) === "~" ? "#c9c9c9" : "#8fb0d0";
    return { id: GROUP + g.key, shape: "dot", size: g.size, x: g.x, y: g.y, borderWidth: 2,
             color: { background: colour, border: "#4a6b8a" }, title: groupTip(g) };
  }
  var startNodes = overview ? data.groups.map(visGroup) : data.nodes.map(visNode);
  var nodes = new vis.DataSet(startNodes);
  var edges = new vis.DataSet([]);
  var edgeShown = new Array(data.edges.length);   // edge index -> id of what draws it, or null
  var bundles = {};                                // bundle id -> {from, to, count, rels}

  // Between two closed places only the strongest bundles are drawn, at most a few per place:
  // a big overview would otherwise be tens of thousands of faint lines, slow and unreadable.
  var minBundle = (function () {
    var counts = {}, limit = BUNDLES_PER_GROUP * data.groups.length;
    data.edges.forEach(function (e) {
      var a = byId[e.from].group, b = byId[e.to].group;
      if (a === undefined || b === undefined || a === b) return;
      var k = a < b ? a + "|" + b : b + "|" + a;
      counts[k] = (counts[k] || 0) + 1;
    });
    var sorted = Object.keys(counts).map(function (k) { return counts[k]; }).sort(function (x, y) { return y - x; });
    return sorted.length > limit ? sorted[limit] + 1 : 1;
  })();
  function weak(b) {
    return b.count < minBundle && b.from.indexOf(GROUP) === 0 && b.to.indexOf(GROUP) === 0;
  }
  function bundleHidden(b) {
    return Object.keys(b.rels).every(function (r) { return hiddenRels[r]; });
  }
  // Redraw the edges with these indices only: expanding a group touches its edges, no others.
  function refreshEdges(indices) {
    var drop = {}, add = {}, fresh = {};
    indices.forEach(function (i) { if (edgeShown[i]) drop[edgeShown[i]] = true; });
    indices.forEach(function (i) {
      var e = data.edges[i], a = rep(byId[e.from]), b = rep(byId[e.to]);
      if (a === e.from && b === e.to) {
        edgeShown[i] = e.id;
        add[e.id] = { id: e.id, from: a, to: b, arrows: e.arrows, width: e.width, title: edgeTip(e),
                      hidden: !!hiddenRels[e.rel] };
      } else if (a === b) {
        edgeShown[i] = null;
      } else {
        var lo = a < b ? a : b, hi = a < b ? b : a, id = "b|" + lo + "|" + hi;
        edgeShown[i] = id;
        var bundle = fresh[id] || (fresh[id] = { from: lo, to: hi, count: 0, rels: {} });
        bundle.count += 1;
        bundle.rels[e.rel] = (bundle.rels[e.rel] || 0) + 1;
      }
    });
    Object.keys(drop).forEach(function (id) { delete bundles[id]; });
    Object.keys(fresh).forEach(function (id) {
      var b = fresh[id];
      bundles[id] = b;
      if (weak(b)) return;
      add[id] = { id: id, from: b.from, to: b.to, width: Math.min(1 + Math.log(b.count) * 1.5, 10),
                  color: { color: "#9ab" }, title: bundleTip(b), hidden: bundleHidden(b) };
    });
    var removeIds = Object.keys(drop).filter(function (id) { return !(id in add); });
    edges.remove(removeIds);
    edges.update(Object.keys(add).sort().map(function (id) { return add[id]; }));
  }
  refreshEdges(data.edges.map(function (_, i) { return i; }));

  // ---- Title bar, note and legend -------------------------------------------------------------
  document.title = data.source + " — hsgraph";
  document.getElementById("hs-title").textContent = data.source;
  document.getElementById("hs-counts").textContent =
    data.counts.nodes + " 个节点 · " + data.counts.edges + " 条关系 · " + data.counts.articles + " 篇文章" +
    (overview ? " · " + data.groups.length + " 个地点分组" : "");
  var note = document.getElementById("hs-note");
  if (data.focus) {
    var text = "焦点：" + clip(data.focus.label, 40);
    if (data.focus.leftOut) {
      text += " · 经由枢纽 " + data.focus.hubs.map(function (h) { return clip(h, 20); }).join("、") +
              " 的 " + data.focus.leftOut + " 个节点未显示（--through-hubs 可显示）";
    }
    note.textContent = text;
  } else if (overview) {
    note.textContent = "按县市分组的总览：点击地点展开其实体，双击实体收起，“总览”全部收起。" +
      (minBundle > 1 ? "地点之间少于 " + minBundle + " 条关系的连线未画出。" : "");
  } else {
    note.hidden = true;
  }
  if (!overview) document.getElementById("hs-overview").hidden = true;

  function legendItem(parent, attr, key, text, count, onChange) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute(attr, key);
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    label.appendChild(text);
    label.appendChild(el("span", count, "hs-count"));
    li.appendChild(label);
    parent.appendChild(li);
    return li;
  }
  var typeList = document.getElementById("hs-types");
  data.types.forEach(function (t) {
    var face = el("span");
    var sw = el("span", null, "hs-swatch");
    sw.style.background = t.color;
    face.appendChild(sw);
    face.appendChild(el("span", t.label + " "));
    var li = legendItem(typeList, "data-type", t.type, face, t.count, function (on) { showType(t.type, on); });
    li.className = "hs-shape-" + t.shape;
  });
  var relList = document.getElementById("hs-relations");
  var relCounts = {};
  data.edges.forEach(function (e) { relCounts[e.rel] = (relCounts[e.rel] || 0) + 1; });
  Object.keys(data.relations).sort().forEach(function (rel) {
    legendItem(relList, "data-rel", rel, el("span", data.relations[rel] + " "), rel + " · " + relCounts[rel],
               function (on) { showRelation(rel, on); });
  });

  function onCanvas(n) { return n.group === undefined || expanded[n.group]; }
  function showType(type, on) {
    hiddenTypes[type] = !on;
    var box = typeList.querySelector('input[data-type="' + type + '"]');
    if (box) box.checked = on;
    nodes.update(data.nodes.filter(function (n) { return n.type === type && onCanvas(n); })
      .map(function (n) { return { id: n.id, hidden: !on }; }));
  }
  function showRelation(rel, on) {
    hiddenRels[rel] = !on;
    var changes = [], seen = {};
    data.edges.forEach(function (e, i) {
      var id = edgeShown[i];
      if (e.rel !== rel || !id || seen[id] || (bundles[id] && weak(bundles[id]))) return;
      seen[id] = true;
      changes.push({ id: id, hidden: id === e.id ? !on : bundleHidden(bundles[id]) });
    });
    edges.update(changes);
  }

  // ---- The network ---------------------------------------------------------------------------
  var container = document.getElementById("hs-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  // ---- Labels by importance: the most important first, each only where it hits no other -------
  var measureCtx = document.createElement("canvas").getContext("2d");
  var widthCache = {};
  // Width on screen of the text drawn at ``size`` px (measured at the node font, then scaled).
  function textWidth(text, size) {
    if (!(text in widthCache)) {
      measureCtx.font = FONT + "px " + data.options.nodes.font.face;
      widthCache[text] = measureCtx.measureText(text).width * 1.04;
    }
    return widthCache[text] * size / FONT;
  }
  var labelState = {};     // id -> the side of its node its label is drawn on (absent: not drawn)
  var labelFont = FONT;    // canvas font size of the drawn labels
  var edgeLabels = [];     // ids of the highlighted links whose label is drawn (placed like node labels)
  var highlighted = null;  // {id: true} of the highlighted node and its neighbours
  var labelledEdges = [];  // ids of the highlighted links
  function item(id) {
    return id.indexOf(GROUP) === 0 ? { group: groupByKey[id.slice(GROUP.length)] } : { node: byId[id] };
  }
  function labelText(id) {
    var it = item(id);
    return it.group ? it.group.display : it.node.display;
  }
  // Every node and bubble once, most important first: bubbles by size, then entities by rank.
  var order = data.groups.slice().sort(function (a, b) { return b.count - a.count || (a.key < b.key ? -1 : 1); })
    .map(function (g) { return GROUP + g.key; })
    .concat(data.nodes.slice().sort(function (a, b) { return a.rank - b.rank; }).map(function (n) { return n.id; }));
  // The canvas's own nodes, read directly: going through the DataSet for thousands of nodes
  // on every zoom would cost more than drawing them.
  function drawn(id) {
    var n = network.body.nodes[id];
    return n && !n.options.hidden ? n : null;
  }
  function labelCandidates(view) {
    var out = [], first = [], seen = {};
    if (focusId && drawn(focusId)) first.push(focusId);
    if (highlighted) first = first.concat(Object.keys(highlighted).sort());
    first.concat(order).forEach(function (id) {
      var n = drawn(id);
      if (!n || seen[id]) return;
      seen[id] = true;
      if (n.x < view.left || n.x > view.right || n.y < view.top || n.y > view.bottom) return;
      out.push({ id: id, x: n.x, y: n.y, size: n.options.size });
    });
    return out;
  }
  function Boxes(cell) { this.cell = cell; this.grid = {}; }
  Boxes.prototype.cells = function (b, fn) {
    for (var cx = Math.floor(b.l / this.cell); cx <= Math.floor(b.r / this.cell); cx++)
      for (var cy = Math.floor(b.t / this.cell); cy <= Math.floor(b.b / this.cell); cy++)
        if (fn(cx + "," + cy) === true) return true;
    return false;
  };
  Boxes.prototype.hits = function (b) {
    var grid = this.grid;
    return this.cells(b, function (k) {
      return (grid[k] || []).some(function (o) {
        return o.owner !== b.owner && b.l < o.r && o.l < b.r && b.t < o.b && o.t < b.b;
      });
    });
  };
  Boxes.prototype.add = function (b) {
    var grid = this.grid;
    this.cells(b, function (k) { (grid[k] = grid[k] || []).push(b); });
  };
  // Where a label may go, in order of preference: below its node, then right, left, above.
  // Each spot is a screen box (padded) and the side it is drawn on.
  function labelSpots(c, width, px, scale, tl) {
    var sx = (c.x - tl.x) * scale, sy = (c.y - tl.y) * scale, r = c.size * scale, h = px * 1.3;
    function spot(side, l, t) {
      return { side: side, box: { l: l - PAD, r: l + width + PAD, t: t - PAD, b: t + h + PAD, owner: c.id } };
    }
    return [spot("below", sx - width / 2, sy + r),
            spot("right", sx + r + 3, sy - h / 2),
            spot("left", sx - r - 3 - width, sy - h / 2),
            spot("above", sx - width / 2, sy - r - h)];
  }
  function declutter() {
    var scale = network.getScale();
    var w = container.clientWidth, h = container.clientHeight;
    if (!w || !h || !isFinite(scale) || scale <= 0) return;
    var font = Math.min(Math.max(FONT, MIN_PX / scale), MAX_PX / scale);
    var px = font * scale;
    var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: w, y: h });
    var margin = 200 / scale;
    var view = { left: tl.x - margin, right: br.x + margin, top: tl.y - margin, bottom: br.y + margin };
    var placed = new Boxes(64), next = {};
    var candidates = labelCandidates(view);
    // Nodes are obstacles too: a label never covers another node's shape.
    candidates.forEach(function (c) {
      var r = Math.max(c.size * scale * 0.8, 3), sx = (c.x - tl.x) * scale, sy = (c.y - tl.y) * scale;
      placed.add({ l: sx - r, r: sx + r, t: sy - r, b: sy + r, owner: c.id });
    });
    function inside(b) { return b.l >= 0 && b.r <= w && b.t >= 0 && b.b <= h; }
    function isForced(c) { return c.id === focusId || !!(highlighted && highlighted[c.id]); }
    function placeNode(c) {
      var text = labelText(c.id);
      if (!text) return;
      var forced = isForced(c);
      var spots = labelSpots(c, textWidth(text, px), px, scale, tl);
      // A free spot inside the view; a forced label (focus, highlight) takes the best it can get.
      var pick = null;
      for (var i = 0; i < spots.length && !pick; i++) {
        if (inside(spots[i].box) && !placed.hits(spots[i].box)) pick = spots[i];
      }
      for (i = 0; i < spots.length && !pick && forced; i++) {
        if (!placed.hits(spots[i].box)) pick = spots[i];
      }
      if (!pick && forced) pick = spots[0];
      if (!pick) return;
      placed.add(pick.box);
      next[c.id] = pick.side;
    }
    // The labels of highlighted links, at their middles: each only where it hits no label or node.
    var shownEdges = [];
    function placeEdges() {
      if (!highlighted || labelledEdges.length > MAX_EDGE_LABELS) return;
      labelledEdges.forEach(function (id) {
        var e = network.body.edges[id], d = data.edges[+id.slice(1)];
        if (!e || e.options.hidden || !e.from || !e.to || !d || !d.label) return;
        if (!drawn(e.from.id) || !drawn(e.to.id)) return;
        var sx = ((e.from.x + e.to.x) / 2 - tl.x) * scale, sy = ((e.from.y + e.to.y) / 2 - tl.y) * scale;
        var half = textWidth(d.label, EDGE_PX) / 2, tall = EDGE_PX * 1.3 / 2;
        var b = { l: sx - half - PAD, r: sx + half + PAD, t: sy - tall - PAD, b: sy + tall + PAD, owner: "edge:" + id };
        if (!inside(b) || placed.hits(b)) return;
        placed.add(b);
        shownEdges.push(id);
      });
    }
    // Focus and highlighted nodes first, then the highlighted links, then every other node.
    candidates.filter(isForced).forEach(placeNode);
    placeEdges();
    candidates.filter(function (c) { return !isForced(c); }).forEach(placeNode);
    labelState = next;
    labelFont = font;
    edgeLabels = shownEdges;
    // Asked for, not drawn now: vis-network draws once for this and its own pending request.
    network.body.emitter.emit("_requestRedraw");
  }
  var pending = null;
  function declutterSoon() {
    if (pending) clearTimeout(pending);
    // After a zoom, pan or resize nothing else is pending: draw now rather than on the next frame.
    pending = setTimeout(function () { pending = null; declutter(); network.redraw(); }, 120);
  }
  // A view still as fitted is fitted again when the window changes size (a phone turned, a
  // window opened narrow); one the reader has zoomed or moved is left where it is.
  var asFitted = false;
  function moved() { asFitted = false; declutterSoon(); }
  network.on("zoom", moved);
  network.on("dragEnd", moved);
  window.addEventListener("resize", function () {
    if (asFitted) setTimeout(function () { if (asFitted) { fit(); network.redraw(); } }, 50);
    else declutterSoon();
  });

  function ready() {
    if (window.hsgraphReady) return;
    window.hsgraphReadyMs = performance.now();
    window.hsgraphReady = true;
    document.body.setAttribute("data-ready", "true");
  }
  function opened() {
    fit();
    network.once("afterDrawing", ready);
    network.redraw();
  }
  if (data.physics && data.nodes.length) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      opened();
    });
  } else if (startNodes.length) {
    opened();
  } else {
    ready();
  }

  // ---- Navigation ----------------------------------------------------------------------------
  // Fit from node positions, not vis's boxes: those include labels, so fitting would depend on
  // which labels happen to be drawn and pressing 0 twice could give two views.
  function fitTo(ids, maxScale) {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    ids.forEach(function (id) {
      var p = drawn(id);
      if (!p) return;
      var r = p.options.size || 10;
      x0 = Math.min(x0, p.x - r); x1 = Math.max(x1, p.x + r);
      y0 = Math.min(y0, p.y - r); y1 = Math.max(y1, p.y + r);
    });
    if (x0 === Infinity) return;
    var w = Math.max(container.clientWidth - 2 * FIT_MARGIN, 50), h = Math.max(container.clientHeight - 2 * FIT_MARGIN, 50);
    var scale = Math.min(w / Math.max(x1 - x0, 1), h / Math.max(y1 - y0, 1), maxScale);
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale, animation: false });
  }
  function fit() {
    fitTo(order, 1.5);
    asFitted = true;
    declutter();
  }
  function zoomBy(factor) {
    asFitted = false;
    network.moveTo({ scale: network.getScale() * factor, position: network.getViewPosition(), animation: false });
    declutter();
  }
  function expand(key) {
    if (expanded[key] || !groupByKey[key]) return;
    expanded[key] = true;
    delete labelState[GROUP + key];
    nodes.remove(GROUP + key);
    nodes.add(members[key].map(visNode));
    refreshEdges(incident[key] || []);
  }
  function collapse(key) {
    if (!expanded[key]) return;
    if (highlighted) restore();
    expanded[key] = false;
    members[key].forEach(function (n) { delete labelState[n.id]; });
    nodes.remove(members[key].map(function (n) { return n.id; }));
    nodes.add(visGroup(groupByKey[key]));
    refreshEdges(incident[key] || []);
  }
  function openGroup(key) {
    asFitted = false;
    expand(key);
    fitTo(members[key].map(function (n) { return n.id; }), 1.5);
    declutter();
  }
  function collapseAll() {
    restore();
    Object.keys(expanded).sort().forEach(collapse);
    fit();
  }

  // ---- Drawn by the page over vis-network's frame: the highlight veil and every label --------
  // vis-network redoes work for the whole graph on every DataSet change, so neither labels nor
  // highlight go through the DataSet: a click or a zoom costs one frame, whatever the graph size.
  function drawVeil(ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = DIM;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var body = network.body, external = [];
    labelledEdges.forEach(function (id) {
      var e = body.edges[id];
      if (e && !e.options.hidden) { e.draw(ctx); e.drawArrows(ctx); }
    });
    Object.keys(highlighted).forEach(function (id) {
      var n = drawn(id);
      if (!n) return;
      var r = n.draw(ctx);
      if (r && r.drawExternalLabel) external.push(r.drawExternalLabel);
    });
    external.forEach(function (fn) { fn(); });
  }
  function drawText(ctx, text, x, y, colour) {
    ctx.fillStyle = colour;
    ctx.fillText(text, x, y);
  }
  function drawEdgeLabels(ctx, scale) {
    ctx.font = (EDGE_PX / scale) + "px " + data.options.nodes.font.face;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    edgeLabels.forEach(function (id) {
      var e = network.body.edges[id], d = data.edges[+id.slice(1)];
      if (!e || e.options.hidden || !e.from || !e.to) return;
      drawText(ctx, d.label, (e.from.x + e.to.x) / 2, (e.from.y + e.to.y) / 2, "#46607a");
    });
  }
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    if (highlighted) drawVeil(ctx);
    ctx.save();
    ctx.font = labelFont + "px " + data.options.nodes.font.face;
    Object.keys(labelState).forEach(function (id) {
      var n = drawn(id);
      if (!n) return;
      var dim = highlighted && !highlighted[id], side = labelState[id], r = n.options.size, gap = 2 / scale;
      var x = n.x, y = n.y + r + gap;
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      if (side === "right" || side === "left") {
        ctx.textAlign = side === "right" ? "left" : "right";
        ctx.textBaseline = "middle";
        x = side === "right" ? n.x + r + 3 / scale : n.x - r - 3 / scale;
        y = n.y;
      } else if (side === "above") {
        ctx.textBaseline = "bottom";
        y = n.y - r - gap;
      }
      drawText(ctx, labelText(id), x, y, dim ? "rgba(90,90,90,0.35)" : "#222");
    });
    if (highlighted) drawEdgeLabels(ctx, scale);
    ctx.restore();
  });
  function restore() {
    if (!highlighted) return;
    highlighted = null;
    labelledEdges = [];
    edgeLabels = [];
    declutter();
  }
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    highlighted = keep;
    labelledEdges = network.getConnectedEdges(id).filter(function (eid) { return eid.charAt(0) === "e"; });
    declutter();
    return Object.keys(keep).sort();
  }
  network.on("click", function (params) {
    var id = params.nodes[0];
    if (id && id.indexOf(GROUP) === 0) openGroup(id.slice(GROUP.length));
    else if (id) highlight(id);
    else if (!params.edges.length) restore();
  });
  network.on("doubleClick", function (params) {
    var id = params.nodes[0];
    if (id && byId[id] && byId[id].group !== undefined) collapse(byId[id].group);
  });

  // ---- Search by label or alias ---------------------------------------------------------------
  var names = document.getElementById("hs-names");
  var index = {};
  data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (name) {
      if (!(name in index)) {
        index[name] = n.id;
        names.appendChild(el("option", null)).value = name;
      }
    });
  });
  var sortedNames = Object.keys(index).sort();
  var lowerNames = sortedNames.map(function (k) { return k.toLowerCase(); });
  var search = document.getElementById("hs-search");
  var msg = document.getElementById("hs-search-msg");
  function find(text) {
    text = text.trim();
    if (!text) return null;
    if (text in index) return index[text];
    var lower = text.toLowerCase();
    for (var i = 0; i < lowerNames.length; i++) {
      if (lowerNames[i].indexOf(lower) >= 0) return index[sortedNames[i]];
    }
    return null;
  }
  function focusNode(text) {
    var id = find(text);
    if (id === null) {
      restore();
      network.unselectAll();
      msg.textContent = text.trim() ? "未找到" : "";
      return null;
    }
    var n = byId[id];
    if (n.group !== undefined) expand(n.group);
    if (hiddenTypes[n.type]) showType(n.type, true);
    msg.textContent = clip(n.label, 30);
    network.selectNodes([id]);
    asFitted = false;
    network.focus(id, { scale: Math.max(network.getScale(), 1.3), animation: false });
    highlight(id);
    return id;
  }
  search.addEventListener("change", function () { focusNode(search.value); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") focusNode(search.value);
    else if (ev.key === "Escape") search.blur();
  });

  // ---- Buttons, keys, PNG, narrow-screen legend ------------------------------------------------
  function pngName() {
    var base = String(data.source).replace(/\.[^.]*$/, "").replace(/[^\w\u3400-\u9fff.-]+/g, "_");
    return (base.replace(/^[._]+/, "") || "hsgraph") + ".png";
  }
  function exportPng() {
    var src = container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = src.width;
    out.height = src.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(src, 0, 0);
    var a = document.createElement("a");
    a.download = pngName();
    out.toBlob(function (blob) {
      a.href = URL.createObjectURL(blob);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }, "image/png");
    return a.download;
  }
  var legend = document.getElementById("hs-legend");
  var legendToggle = document.getElementById("hs-legend-toggle");
  legendToggle.addEventListener("click", function () {
    var open = !legend.classList.contains("hs-open");
    legend.classList.toggle("hs-open", open);
    legendToggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.getElementById("hs-fit").addEventListener("click", fit);
  document.getElementById("hs-zoom-in").addEventListener("click", function () { zoomBy(1.25); });
  document.getElementById("hs-zoom-out").addEventListener("click", function () { zoomBy(0.8); });
  document.getElementById("hs-overview").addEventListener("click", collapseAll);
  document.getElementById("hs-png").addEventListener("click", exportPng);
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA")) return;
    if (ev.key === "0" || ev.key === "Escape") fit();
    else if (ev.key === "+" || ev.key === "=") zoomBy(1.25);
    else if (ev.key === "-" || ev.key === "−" || ev.key === "_") zoomBy(0.8);
    else if (ev.key === "/") search.focus();
    else return;
    ev.preventDefault();
  });

  window.hsgraph = { network: network, nodes: nodes, edges: edges, data: data, focus: focusNode,
                     highlight: highlight, restore: restore, expand: expand, collapse: collapse,
                     openGroup: openGroup, collapseAll: collapseAll, fit: fit, zoomBy: zoomBy,
                     declutter: declutter, exportPng: exportPng, pngName: pngName,
                     state: function () {
                       return { highlighted: highlighted ? Object.keys(highlighted).sort() : null,
                                expanded: Object.keys(expanded).filter(function (k) { return expanded[k]; }).sort(),
                                labels: Object.keys(labelState).sort(),
                                edgeLabels: edgeLabels.slice().sort() };
                     } };
})();
