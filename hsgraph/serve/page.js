// The query page: YASGUI pointed at this server's /sparql, the bundled questions as
// examples, and a "Network" result view that shows a CONSTRUCT result with hsgraph's
// own graph view (served at /view).  Nothing is loaded from other hosts.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("hs-config").textContent);
  const prologue = config.prefixes.map(([p, iri]) => `PREFIX ${p}: <${iri}>`).join("\n") + "\n";

  function withPrefixes(text) {
    return /^\s*PREFIX\s/im.test(text) ? text : prologue + text;
  }

  class NetworkPlugin {
    // YASR result plugin: offered for CONSTRUCT and DESCRIBE results (subject/predicate/object rows)
    constructor(yasr) { this.yasr = yasr; this.label = "Network"; this.priority = 20; }
    canHandleResults() {
      const r = this.yasr.results;
      const vars = r && r.getVariables && r.getVariables();
      return !!vars && vars.join(",") === "subject,predicate,object" && !!currentQuery();
    }
    draw() {
      const box = document.createElement("div");
      box.className = "hs-network";
      const frame = document.createElement("iframe");
      frame.title = "network view";
      frame.src = "/view?query=" + encodeURIComponent(currentQuery());
      box.appendChild(frame);
      this.yasr.resultsEl.appendChild(box);
    }
    getIcon() { const s = document.createElement("span"); s.textContent = "◉"; return s; }
  }

  function currentQuery() {
    const tab = window.yasgui && window.yasgui.getTab();
    return tab ? tab.getQuery() : "";
  }

  Yasgui.Yasr.registerPlugin("network", NetworkPlugin);
  const endpoint = new URL(config.endpoint, location.href).href;
  window.yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    yasqe: { value: withPrefixes(config.example), autocompleters: ["prefixes", "variables"] },
  });

  // a graph result opens in the network view, any other in the table
  window.yasgui.on("queryResponse", (instance, tab) => setTimeout(() => {
    const yasr = tab.getYasr();
    const graph = yasr.plugins.network && yasr.plugins.network.canHandleResults();
    const chosen = yasr.getSelectedPluginName();
    if (graph && chosen !== "network") yasr.selectPlugin("network");
    else if (!graph && chosen === "network") yasr.selectPlugin("table");
  }, 0));

  document.getElementById("size").textContent = `${config.triples} triples · endpoint ${endpoint}`;
  const select = document.getElementById("question");
  const params = document.getElementById("params");
  for (const q of config.questions) {
    const opt = document.createElement("option");
    opt.value = q.name;
    opt.textContent = q.name;
    opt.title = q.description;
    select.appendChild(opt);
  }

  function showParams() {
    params.replaceChildren();
    const q = config.questions.find((x) => x.name === select.value);
    for (const name of q.required) {
      const input = document.createElement("input");
      input.name = name;
      input.placeholder = name;
      input.required = true;
      input.value = (config.samples || {})[name] || "";
      params.appendChild(input);
    }
    select.title = q.description;
  }

  select.addEventListener("change", showParams);
  showParams();
  document.getElementById("questions").addEventListener("submit", async (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const input of params.querySelectorAll("input")) query.set(input.name, input.value);
    const response = await fetch(`/questions/${encodeURIComponent(select.value)}.rq?${query}`);
    const text = await response.text();
    if (!response.ok) { alert(text); return; }
    const tab = window.yasgui.addTab(true, { name: select.value });
    tab.setQuery(withPrefixes(text));
    tab.query();
  });
})();
