/* hsgraph viz: draws the embedded graph with vis-network.
 * All text from the graph goes into the page through textContent only. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("hsgraph-data").textContent);
  window.hsgraphReady = false;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
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
    items.slice(0, 12).forEach(function (t) { ul.appendChild(el("li", t)); });
    if (items.length > 12) ul.appendChild(el("li", "… 另有 " + (items.length - 12) + " 条"));
    parent.appendChild(ul);
  }

  function nodeTip(n) {
    var box = el("div", null, "hs-tip");
    box.appendChild(el("h3", n.label));
    row(box, "类型", data.typeLabels[n.type] || n.type);
    if (n.aliases.length) row(box, "别名", n.aliases.join("、"));
    list(box, "见于文章", n.articles.map(function (a) { return a[1] ? a[0] + "  " + a[1] : a[0]; }));
    list(box, "数字", n.figures.map(function (f) { return f[1] ? f[0] + "（" + f[1] + "）" : f[0]; }));
    return box;
  }
  function edgeTip(e, byId) {
    var box = el("div", null, "hs-tip");
    var from = byId[e.from], to = byId[e.to];
    box.appendChild(el("h3", (from ? from.label : e.from) + " —" + e.label + "→ " + (to ? to.label : e.to)));
    list(box, "证据", e.evidence.map(function (ev) { return ev[1] ? "〔" + ev[1] + "〕" + ev[0] : ev[0]; }));
    if (!e.evidence.length) box.appendChild(el("div", "（无证据句）", "hs-k"));
    return box;
  }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var hiddenTypes = {};

  function visNode(n) {
    var v = { id: n.id, label: n.label, shape: n.shape, color: n.color, size: n.size,
              title: nodeTip(n), hidden: !!hiddenTypes[n.type] };
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  }
  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: e.label, arrows: e.arrows, title: edgeTip(e, byId) };
  }));

  // Title bar and legend.
  document.title = data.source + " — hsgraph";
  document.getElementById("hs-title").textContent = data.source;
  document.getElementById("hs-counts").textContent =
    data.counts.nodes + " 个节点 · " + data.counts.edges + " 条关系 · " + data.counts.articles + " 篇文章";

  var typeList = document.getElementById("hs-types");
  data.types.forEach(function (t) {
    var li = el("li", null, "hs-shape-" + t.shape);
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () {
      hiddenTypes[t.type] = !box.checked;
      nodes.update(data.nodes.filter(function (n) { return n.type === t.type; })
        .map(function (n) { return { id: n.id, hidden: !box.checked }; }));
    });
    var sw = el("span", null, "hs-swatch");
    sw.style.background = t.color;
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(el("span", t.label + " "));
    label.appendChild(el("span", t.count, "hs-count"));
    li.appendChild(label);
    typeList.appendChild(li);
  });
  var relList = document.getElementById("hs-relations");
  var relCounts = {};
  data.edges.forEach(function (e) { relCounts[e.rel] = (relCounts[e.rel] || 0) + 1; });
  Object.keys(data.relations).sort().forEach(function (rel) {
    var li = el("li");
    li.appendChild(el("span", data.relations[rel] + " "));
    li.appendChild(el("span", rel + " · " + relCounts[rel], "hs-count"));
    relList.appendChild(li);
  });

  // The network.
  var container = document.getElementById("hs-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  function ready() {
    if (window.hsgraphReady) return;
    window.hsgraphReadyMs = performance.now();
    window.hsgraphReady = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", ready);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", ready);
  }
  if (!data.nodes.length) ready();

  // Click: highlight a node's neighbours, dim the rest; click on nothing restores.
  var dimmed = false;
  function restore() {
    if (!dimmed) return;
    dimmed = false;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: n.color, font: { color: "#222" } }; }));
  }
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    dimmed = true;
    nodes.update(data.nodes.map(function (n) {
      return keep[n.id] ? { id: n.id, color: n.color, font: { color: "#222" } }
                        : { id: n.id, color: "rgba(200,200,200,0.35)", font: { color: "rgba(150,150,150,0.5)" } };
    }));
    return Object.keys(keep).sort();
  }
  network.on("click", function (params) {
    if (params.nodes.length) highlight(params.nodes[0]);
    else if (!params.edges.length) restore();
  });

  // Search by label or alias.
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
  var search = document.getElementById("hs-search");
  var msg = document.getElementById("hs-search-msg");
  function find(text) {
    text = text.trim();
    if (!text) return null;
    if (text in index) return index[text];
    var lower = text.toLowerCase();
    var keys = Object.keys(index).sort();
    for (var i = 0; i < keys.length; i++) {
      if (keys[i].toLowerCase().indexOf(lower) >= 0) return index[keys[i]];
    }
    return null;
  }
  function focusNode(text) {
    var id = find(text);
    if (id === null) { msg.textContent = "未找到"; return null; }
    var n = byId[id];
    if (hiddenTypes[n.type]) {
      hiddenTypes[n.type] = false;
      var box = typeList.querySelector('input[data-type="' + n.type + '"]');
      if (box) box.checked = true;
      nodes.update(data.nodes.filter(function (m) { return m.type === n.type; })
        .map(function (m) { return { id: m.id, hidden: false }; }));
    }
    msg.textContent = n.label;
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: 1.3, animation: false });
    return id;
  }
  search.addEventListener("change", function () { focusNode(search.value); });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") focusNode(search.value); });

  window.hsgraph = { network: network, nodes: nodes, edges: edges, data: data, focus: focusNode,
                     highlight: highlight, restore: restore };
})();
