// mlt-rules case explorer: plain modern JavaScript, no library, no build step. Talks only to its own server
// (/api/vocabulary, /api/demo-cases, /api/assess, /api/map). Case content is put into the page with textContent
// only, never as HTML.

const SVG = 'http://www.w3.org/2000/svg';
const TOKEN_KEY = 'mlt-rules-api-token';

const state = {
  vocab: null,
  demos: [],
  source: null,        // {kind: 'demo' | 'paste' | 'file', name, bundle: boolean}
  original: null,      // the case as opened
  overrides: new Map(),// what-if values: key (e.g. "ecog", "lesions[0].response") -> value (null = unknown)
  formKeys: [],        // the what-if fields in the order first shown
  assessment: null,
  mapping: null,
  request: 0,
};

// ---------------------------------------------------------------------------------------------------------
// Small DOM helpers

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  append(e, children);
  return e;
}

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  setAttrs(e, attrs);
  append(e, children);
  return e;
}

function setAttrs(e, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.setAttribute('class', v);
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(e, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const $ = (id) => document.getElementById(id);

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function announce(text) {
  const a = $('announce');
  a.textContent = '';
  setTimeout(() => { a.textContent = text; }, 30);
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary (from /api/vocabulary: the core's enums and the rules in force)

const byCode = (list, code) => (list || []).find((x) => x.code === code);
const categoryLabel = (c) => byCode(state.vocab.categories, c)?.label ?? c;
const levelLabel = (l) => byCode(state.vocab.candidacyLevels, l)?.label ?? l;
const techniqueLabel = (t) => byCode(state.vocab.techniques, t)?.label ?? t;
const tierLabel = (t) => byCode(state.vocab.tiers, t)?.label ?? 'no tier';
const stepOf = (id) => state.vocab.steps.find((s) => s.id === id);
const conventionOf = (id) => state.vocab.conventions.find((k) => k.id === id);
const fieldOf = (path) => state.vocab.fields.find((f) => f.path === path);

function histologyWords(value) {
  if (!value) return 'histology unknown';
  const h = state.vocab.histologies.find((x) => x.name === value || x.codes.includes(value));
  const name = h ? h.name : 'OTHER_SARCOMA';
  const words = name.length <= 5 ? name : name.replace(/_/g, ' ').toLowerCase();
  return h ? words : `${value} (not in the histology table)`;
}

/** Text with line-break opportunities after dots, semicolons and equals signs (long field paths in narrow cells). */
function breakable(text) {
  const parts = String(text).split(/(?<=[.;=])/);
  const out = [];
  parts.forEach((p, i) => { if (i) out.push(document.createElement('wbr')); out.push(p); });
  return out;
}

function capitalised(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

function words(code) {
  return String(code).replace(/_/g, ' ').toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------
// The API, with the bearer token asked for on a 401 (the server is then bound beyond loopback)

let token = sessionStorage.getItem(TOKEN_KEY);

async function api(path, body) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body: body === undefined ? undefined : body,
      cache: 'no-store',
      credentials: 'same-origin',
    });
    if (res.status !== 401) {
      let json = null;
      try { json = await res.json(); } catch { json = null; }
      return { status: res.status, json };
    }
    token = await askToken(attempt > 0 || Boolean(token));
    if (!token) return { status: 401, json: null };
  }
  return { status: 401, json: null };
}

function askToken(wrong) {
  const dialog = $('token-dialog');
  const input = $('token-input');
  const error = $('token-error');
  error.hidden = !wrong;
  error.textContent = wrong ? 'That token was not accepted. Try again.' : '';
  input.value = '';
  return new Promise((resolve) => {
    const done = (value) => {
      $('token-form').removeEventListener('submit', onSubmit);
      $('token-cancel').removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
      resolve(value);
    };
    const onSubmit = (e) => { e.preventDefault(); done(input.value.trim() || null); };
    const onCancel = (e) => { e.preventDefault(); done(null); };
    $('token-form').addEventListener('submit', onSubmit);
    $('token-cancel').addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    input.focus();
  });
}

// ---------------------------------------------------------------------------------------------------------
// Opening a case: demo list, paste, upload

async function start() {
  bindInputs();
  const v = await api('/api/vocabulary');
  if (v.status !== 200) {
    showInputErrors('The server did not give its vocabulary.', [describeHttp(v)]);
    return;
  }
  state.vocab = v.json;
  const r = state.vocab.rules;
  $('ruleset-line').textContent = `Rule set: ${r.name} ${r.version} · ${r.fingerprint.slice(0, 19)}…`;
  $('ruleset-line').title = r.fingerprint;
  $('disclaimer').firstElementChild.textContent = state.vocab.disclaimer;

  const d = await api('/api/demo-cases');
  const select = clear($('demo-select'));
  if (d.status === 200 && Array.isArray(d.json)) {
    state.demos = d.json;
    select.append(el('option', { value: '', text: `Choose one of ${d.json.length} demo cases` }));
    for (const c of d.json) {
      const n = Array.isArray(c.lesions) ? c.lesions.length : null;
      const lesions = n === null ? 'lesions unknown' : `${n} lesion${n === 1 ? '' : 's'}`;
      select.append(el('option', { value: c.caseId, text: `${c.caseId}: ${histologyWords(c.histology)}, ${lesions}` }));
    }
  } else {
    select.append(el('option', { value: '', text: 'Demo cases unavailable' }));
  }
  const demo = new URLSearchParams(location.search).get('demo');
  if (demo !== null) openDemo(demo);
}

function bindInputs() {
  $('demo-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = $('demo-select').value;
    if (id) openDemo(id);
    else showInputErrors('Choose a demo case first.', []);
  });
  $('paste-form').addEventListener('submit', (e) => {
    e.preventDefault();
    openText($('paste').value, { kind: 'paste', name: 'pasted JSON' });
  });
  $('file').addEventListener('change', async () => {
    const f = $('file').files[0];
    if (!f) return;
    if (f.size > 10 * 1024 * 1024) {
      showInputErrors(`${f.name} is larger than 10 MiB, the server's limit.`, []);
      return;
    }
    openText(await f.text(), { kind: 'file', name: f.name });
  });
  $('whatif-reset').addEventListener('click', () => {
    state.overrides.clear();
    reassess();
  });
  $('tree-zoom').addEventListener('click', () => {
    const wrap = $('tree-wrap');
    const zoomed = wrap.classList.toggle('zoomed');
    $('tree-zoom').setAttribute('aria-pressed', String(zoomed));
    $('tree-zoom').textContent = zoomed ? 'Fit the tree to the screen' : 'Show the tree at full size';
  });
}

function openDemo(id) {
  const c = state.demos.find((x) => x.caseId === id);
  if (!c) {
    showInputErrors(`There is no demo case "${id}".`, []);
    return;
  }
  $('demo-select').value = id;
  history.replaceState(null, '', `/?demo=${encodeURIComponent(id)}`);
  openCase(c, { kind: 'demo', name: `demo case ${id}` }, null);
}

async function openText(text, source) {
  hideInputErrors();
  if (!text || !text.trim()) {
    showInputErrors(`The ${source.name} is empty.`, []);
    return;
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    showInputErrors(`The ${source.name} is not valid JSON.`, [jsonProblem(text, e)]);
    return;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    showInputErrors(`The ${source.name} must be one JSON object: a case or a FHIR Bundle.`,
      [Array.isArray(json) ? 'It is a JSON array; open one case at a time.' : `It is a JSON ${json === null ? 'null' : typeof json}.`]);
    return;
  }
  history.replaceState(null, '', '/');
  $('demo-select').value = '';
  if (json.resourceType !== undefined) {
    if (json.resourceType !== 'Bundle') {
      showInputErrors(`The ${source.name} is a FHIR ${String(json.resourceType)}, not a Bundle.`, []);
      return;
    }
    const m = await api('/api/map', JSON.stringify(json));
    if (m.status === 200) {
      openCase(m.json.case, { ...source, bundle: true }, m.json.mapping);
    } else if (m.status === 422 && m.json) {
      showInputErrors(`The FHIR Bundle in the ${source.name} could not be mapped to a case.`, recordProblems(m.json));
      if (Array.isArray(m.json.mapping)) renderMappingOnly(m.json.mapping);
    } else {
      showInputErrors(`The server refused the ${source.name}.`, [describeHttp(m)]);
    }
    return;
  }
  openCase(json, source, null);
}

/** "Unexpected token ... at position 57" into line and column as well. */
function jsonProblem(text, e) {
  const msg = String(e.message || e);
  const m = /position (\d+)/.exec(msg);
  if (m && !/line \d+/.test(msg)) {
    const before = text.slice(0, Number(m[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `${msg} (line ${line}, column ${column})`;
  }
  if (/end of (JSON )?input/i.test(msg)) {
    const lines = text.replace(/\s+$/, '').split('\n');
    return `${msg}: the JSON ends too early, at line ${lines.length}, column ${lines[lines.length - 1].length + 1} (a bracket or brace is not closed)`;
  }
  return msg;
}

async function openCase(c, source, mapping) {
  const ok = await assess(c, { source, mapping, fresh: true });
  if (!ok) return;
  $('paste').value = '';
  if (source.kind !== 'file') $('file').value = '';
}

// ---------------------------------------------------------------------------------------------------------
// Assessing, and "what if"

function clone(x) {
  return x === undefined ? undefined : JSON.parse(JSON.stringify(x));
}

function parseKey(key) {
  const m = /^lesions\[(\d+)\]\.(.+)$/.exec(key);
  return m ? { lesion: Number(m[1]), path: `lesions[].${m[2]}`, leaf: m[2] } : { lesion: null, path: key, leaf: key };
}

function readValue(c, key) {
  const k = parseKey(key);
  if (k.lesion !== null) {
    const l = Array.isArray(c.lesions) ? c.lesions[k.lesion] : undefined;
    return l ? l[k.leaf] : undefined;
  }
  const parts = key.split('.');
  let o = c;
  for (const p of parts) {
    if (o === null || o === undefined || typeof o !== 'object') return undefined;
    o = o[p];
  }
  return o;
}

function writeValue(c, key, value) {
  const k = parseKey(key);
  let target;
  let leaf;
  if (k.lesion !== null) {
    target = c.lesions[k.lesion];
    leaf = k.leaf;
  } else {
    const parts = key.split('.');
    leaf = parts.pop();
    target = c;
    for (const p of parts) {
      if (target[p] === null || target[p] === undefined || typeof target[p] !== 'object') target[p] = {};
      target = target[p];
    }
  }
  if (value === null || value === undefined) delete target[leaf];
  else target[leaf] = value;
}

function currentCase() {
  const c = clone(state.original);
  for (const [key, value] of state.overrides) writeValue(c, key, value);
  return c;
}

async function assess(c, { source, mapping, fresh }) {
  const id = ++state.request;
  const res = await api('/api/assess', JSON.stringify(c));
  if (id !== state.request) return false; // a newer request is under way
  if (res.status === 200 && res.json) {
    const previous = fresh ? null : state.assessment;
    if (fresh) {
      hideInputErrors();
      state.source = source;
      state.original = c;
      state.overrides = new Map();
      state.formKeys = [];
      state.mapping = mapping;
    }
    hideWhatIfErrors();
    state.assessment = res.json;
    render(previous);
    if (fresh) {
      if (window.matchMedia('(max-width: 760px)').matches) $('result').focus();
      announce(`Assessed ${res.json.caseId}: ${categoryLabel(res.json.classification.category)}.`);
    }
    return true;
  }
  const title = fresh ? `The ${source.name} could not be assessed.` : 'This what-if value could not be assessed.';
  const problems = res.status === 422 && res.json ? recordProblems(res.json) : [describeHttp(res)];
  if (fresh) showInputErrors(title, problems); else showWhatIfErrors(title, problems);
  return false;
}

function reassess() {
  return assess(currentCase(), { fresh: false });
}

function setOverride(key, value) {
  const original = readValue(state.original, key);
  const same = (value === null && (original === null || original === undefined))
    || JSON.stringify(value) === JSON.stringify(original);
  if (same) state.overrides.delete(key); else state.overrides.set(key, value);
  reassess();
}

/** Each problem of an error record as one line: field, message and the value given. */
function recordProblems(record) {
  const errors = Array.isArray(record.errors) ? record.errors : [];
  if (errors.length === 0) return [describeHttp({ status: 422, json: record })];
  return errors.map((e) => {
    const field = e.field ? e.field : 'the case as a whole';
    const value = e.value === null || e.value === undefined ? '' : ` (given: ${JSON.stringify(e.value)})`;
    const rule = e.rule ? ` [rule ${e.rule}]` : '';
    return { field, text: `${e.message}${value}${rule}` };
  });
}

function describeHttp(res) {
  if (res.json && res.json.resourceType === 'OperationOutcome' && Array.isArray(res.json.issue)) {
    return `HTTP ${res.status}: ${res.json.issue.map((i) => i.diagnostics || i.code).join('; ')}`;
  }
  if (res.status === 401) return 'HTTP 401: no valid API token was given.';
  return `HTTP ${res.status}`;
}

function showErrors(box, title, problems) {
  clear(box);
  box.append(el('p', { class: 'error-title', text: title }));
  if (problems.length) {
    const ul = el('ul');
    for (const p of problems) {
      if (typeof p === 'string') ul.append(el('li', { text: p }));
      else ul.append(el('li', {}, el('code', { text: p.field }), ': ', p.text));
    }
    box.append(ul);
  }
  box.hidden = false;
}

function showInputErrors(title, problems) { showErrors($('input-errors'), title, problems); }
function hideInputErrors() { $('input-errors').hidden = true; clear($('input-errors')); }
function showWhatIfErrors(title, problems) { showErrors($('whatif-errors'), title, problems); }
function hideWhatIfErrors() { $('whatif-errors').hidden = true; clear($('whatif-errors')); }

// ---------------------------------------------------------------------------------------------------------
// Ranks: a tie is shown as a tie ("=2"), never as a preference decided by the fixed technique order

/** The rank shown for each option: options that share a rank (the rules' competition rank by score and
 *  strongest favouring tier) are marked "=", so that a tie listed in technique order never reads as a preference. */
function displayRanks(options) {
  return options.map((o, i) => {
    const shared = (i > 0 && options[i - 1].rank === o.rank)
      || (i + 1 < options.length && options[i + 1].rank === o.rank);
    return shared ? `=${o.rank}` : String(o.rank);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

function render(previous) {
  const a = state.assessment;
  const focused = document.activeElement && document.activeElement.id ? document.activeElement.id : null;
  $('welcome').hidden = true;
  $('case-view').hidden = false;
  renderSummary(a);
  renderTree(a);
  renderPath(a);
  renderMissing(a);
  renderLesions(a);
  renderCandidacy(a);
  renderMapping();
  renderRuleSet(a);
  renderChanges(previous, a);
  // re-rendering replaced the what-if inputs: keep the keyboard where it was
  if (focused && document.activeElement !== $(focused) && $(focused)) $(focused).focus({ preventScroll: true });
  $('assessed-at').textContent = `Assessed ${new Date().toLocaleString('en-GB')} with ${a.rules.name} ${a.rules.version}.`;
}

function renderSummary(a) {
  $('case-title').textContent = `Case ${a.caseId}`;
  const s = state.source;
  const c = currentCase();
  const n = Array.isArray(c.lesions) ? c.lesions.length : null;
  $('source-line').textContent = `${s.bundle ? 'Mapped from the FHIR Bundle in the ' : 'From the '}${s.name} · `
    + `${histologyWords(c.histology)} · ${n === null ? 'lesions unknown' : `${n} lesion${n === 1 ? '' : 's'}`}`;
  const cat = a.classification.category;
  $('category-words').textContent = categoryLabel(cat);
  $('category-code').textContent = cat;
  $('summary').dataset.category = cat;
  $('candidacy-words').textContent = capitalised(levelLabel(a.candidacy.level));
  $('candidacy-code').textContent = a.candidacy.level;
  $('summary').dataset.level = a.candidacy.level;
  const toClassify = clear($('to-classify'));
  const missing = a.classification.missing;
  toClassify.hidden = missing.length === 0;
  if (missing.length) {
    toClassify.append(el('strong', { text: 'To classify, record: ' }),
      missing.map((m) => `${fieldOf(m)?.label ?? m} (${m})`).join('; '), '. ',
      el('a', { href: '#missing', text: 'Try a value below' }), '.');
  }
  const flags = clear($('flags'));
  for (const f of a.candidacy.flags) {
    const v = byCode(state.vocab.flags, f);
    flags.append(el('li', { class: 'flag', 'data-flag': f },
      el('strong', { text: v ? v.label : words(f) }), v ? `: ${v.explanation}` : '', ' ', el('code', { text: f })));
  }
  flags.hidden = a.candidacy.flags.length === 0;
  const banner = $('whatif-banner');
  clear(banner);
  if (state.overrides.size) {
    banner.append(el('strong', { text: 'What-if values in force (hypothetical, not in the record): ' }));
    banner.append([...state.overrides].map(([k, v]) => `${k} = ${v === null ? 'unknown' : JSON.stringify(v)}`).join('; '));
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
}

// The ESTRO/EORTC tree. Preconditions down the left (yes: down, no: right); then three columns, induced, repeat
// and de-novo OMD (yes: down or left, no: right). Coordinates are the centres of the boxes in the viewBox.
const STEP_W = 150;
const STEP_H = 62;
const LEAF_W = 112;
const LEAF_H = 44;
const TREE = {
  width: 820,
  height: 612,
  nodes: {
    P1: { step: 'P1', x: 140, y: 40, yes: 'P2', no: 'NO_DISTANT_METASTASIS' },
    P2: { step: 'P2', x: 140, y: 120, yes: 'P3', no: 'NOT_OLIGOMETASTATIC' },
    P3: { step: 'P3', x: 140, y: 200, yes: 'Q1', no: 'NOT_OLIGOMETASTATIC' },
    Q1: { step: 'Q1', x: 140, y: 290, yes: 'Q4i', no: 'Q2' },
    Q2: { step: 'Q2', x: 410, y: 290, yes: 'Q4r', no: 'Q3' },
    Q3: { step: 'Q3', x: 680, y: 290, yes: 'Q4m', no: 'SYNCHRONOUS_OMD' },
    Q4i: { step: 'Q4', x: 140, y: 390, yes: 'Q5i', no: 'INDUCED_OLIGORECURRENCE', branch: 'induced' },
    Q5i: { step: 'Q5', x: 80, y: 480, yes: 'INDUCED_OLIGOPROGRESSION', no: 'INDUCED_OLIGOPERSISTENCE', branch: 'induced' },
    Q4r: { step: 'Q4', x: 410, y: 390, yes: 'Q5r', no: 'REPEAT_OLIGORECURRENCE', branch: 'repeat' },
    Q5r: { step: 'Q5', x: 350, y: 480, yes: 'REPEAT_OLIGOPROGRESSION', no: 'REPEAT_OLIGOPERSISTENCE', branch: 'repeat' },
    Q4m: { step: 'Q4', x: 620, y: 390, yes: 'METACHRONOUS_OLIGOPROGRESSION', no: 'METACHRONOUS_OLIGORECURRENCE', branch: 'metachronous' },
  },
  leaves: {
    NO_DISTANT_METASTASIS: { x: 410, y: 40, lines: ['No distant', 'metastasis'] },
    NOT_OLIGOMETASTATIC: { x: 410, y: 160, lines: ['Not', 'oligometastatic'] },
    INDETERMINATE: { x: 680, y: 100, lines: ['Indeterminate', '(fact unknown)'] },
    SYNCHRONOUS_OMD: { x: 750, y: 390, lines: ['Synchronous', 'OMD'] },
    INDUCED_OLIGORECURRENCE: { x: 210, y: 480, lines: ['Induced', 'oligorecurrence'] },
    INDUCED_OLIGOPROGRESSION: { x: 67, y: 570, lines: ['Induced', 'oligoprogression'] },
    INDUCED_OLIGOPERSISTENCE: { x: 187, y: 570, lines: ['Induced', 'oligopersistence'] },
    REPEAT_OLIGORECURRENCE: { x: 480, y: 480, lines: ['Repeat', 'oligorecurrence'] },
    REPEAT_OLIGOPROGRESSION: { x: 337, y: 570, lines: ['Repeat', 'oligoprogression'] },
    REPEAT_OLIGOPERSISTENCE: { x: 457, y: 570, lines: ['Repeat', 'oligopersistence'] },
    METACHRONOUS_OLIGOPROGRESSION: { x: 607, y: 480, lines: ['Metachronous', 'oligoprogression'] },
    METACHRONOUS_OLIGORECURRENCE: { x: 727, y: 480, lines: ['Metachronous', 'oligorecurrence'] },
  },
};

/** The polyline of an edge from a step to its yes or no target. */
function edgePoints(from, answer) {
  const n = TREE.nodes[from];
  const toId = n[answer];
  const t = TREE.nodes[toId] || TREE.leaves[toId];
  const th = TREE.nodes[toId] ? STEP_H : LEAF_H;
  const tw = TREE.nodes[toId] ? STEP_W : LEAF_W;
  const bottom = n.y + STEP_H / 2;
  if (t.y === n.y) { // straight to the right
    return [[n.x + STEP_W / 2, n.y], [t.x - tw / 2, t.y]];
  }
  if (t.x === n.x) { // straight down
    return [[n.x, bottom], [n.x, t.y - th / 2]];
  }
  if (toId === 'NOT_OLIGOMETASTATIC') { // P2 and P3 both end here: enter its left side apart
    const ty = t.y + (n.y < t.y ? -8 : 8);
    return [[n.x + STEP_W / 2, n.y], [300, n.y], [300, ty], [t.x - tw / 2, ty]];
  }
  const elbow = bottom + (t.y - th / 2 - bottom) / 2;
  return [[n.x, bottom], [n.x, elbow], [t.x, elbow], [t.x, t.y - th / 2]];
}

/** Follows the assessment's path through the tree: which boxes and edges were taken, and where it ended. */
function tracePath(a) {
  const taken = new Map(); // node id -> path entry
  const edges = [];        // [node id, 'yes' | 'no']
  let unknownNode = null;
  let current = 'P1';
  for (const entry of a.classification.path) {
    let nodeId = current;
    if (!TREE.nodes[nodeId] || TREE.nodes[nodeId].step !== entry.step) {
      // e.g. P3 still checked after P2 failed: the preconditions have one box each
      nodeId = TREE.nodes[entry.step] ? entry.step : null;
    }
    if (!nodeId) continue;
    taken.set(nodeId, entry);
    if (entry.answer === 'UNKNOWN') {
      unknownNode = nodeId;
      break;
    }
    const answer = entry.answer === 'YES' ? 'yes' : 'no';
    edges.push([nodeId, answer]);
    current = TREE.nodes[nodeId][answer];
  }
  return { taken, edges, unknownNode, leaf: a.classification.category };
}

function stepLabel(entry) {
  const s = stepOf(entry.step);
  return `${entry.step}: ${s ? s.question : ''} Answer ${entry.answer}${entry.because ? `, because ${entry.because}` : ''}.`;
}

function wrap(text, max) {
  const out = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && (line + ' ' + w).length > max) { out.push(line); line = w; } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

function renderTree(a) {
  const t = tracePath(a);
  const root = svg('svg', {
    viewBox: `0 0 ${TREE.width} ${TREE.height}`,
    class: 'tree',
    role: 'group',
    'aria-labelledby': 'tree-title tree-desc',
    'data-category': a.classification.category,
  });
  const pathText = a.classification.path.map((p) => `${p.step} ${p.answer}`).join(', ');
  root.append(svg('title', { id: 'tree-title', text: 'ESTRO/EORTC decision tree' }),
    svg('desc', { id: 'tree-desc', text: `Path taken: ${pathText || 'none'}. Result: ${categoryLabel(a.classification.category)} (${a.classification.category}).` }));
  const defs = svg('defs');
  for (const [id, cls] of [['arrow', 'arrow'], ['arrow-taken', 'arrow taken'], ['arrow-unknown', 'arrow unknown']]) {
    defs.append(svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: cls })));
  }
  root.append(defs);

  const edgeLayer = svg('g', { class: 'edges' });
  const takenKey = new Set(t.edges.map(([n, ans]) => `${n}:${ans}`));
  const ordered = [];
  for (const id of Object.keys(TREE.nodes)) for (const ans of ['yes', 'no']) ordered.push([id, ans]);
  // untaken edges first, so that a taken edge sharing a first segment is drawn on top
  ordered.sort((x, y) => Number(takenKey.has(`${x[0]}:${x[1]}`)) - Number(takenKey.has(`${y[0]}:${y[1]}`)));
  for (const [id, ans] of ordered) {
    const pts = edgePoints(id, ans);
    const isTaken = takenKey.has(`${id}:${ans}`);
    const g = svg('g', { class: `edge ${isTaken ? 'taken' : 'untaken'}`, 'data-from': id, 'data-answer': ans,
      'data-to': TREE.nodes[id][ans] });
    g.append(svg('polyline', { points: pts.map((p) => p.join(',')).join(' '), 'marker-end': `url(#${isTaken ? 'arrow-taken' : 'arrow'})` }));
    // the label sits on the first segment when it leaves sideways, else on the last one
    const [p, q] = pts[0][1] === pts[1][1] ? pts.slice(0, 2) : pts.slice(-2);
    const vertical = p[0] === q[0];
    const lx = vertical ? p[0] + 5 : (p[0] + q[0]) / 2;
    const ly = vertical ? (p[1] + q[1]) / 2 + 4 : p[1] - 5;
    g.append(svg('text', { x: lx, y: ly, class: 'edge-label', 'text-anchor': vertical ? 'start' : 'middle', text: ans }));
    edgeLayer.append(g);
  }
  if (t.unknownNode) {
    const n = TREE.nodes[t.unknownNode];
    const leaf = TREE.leaves.INDETERMINATE;
    const sx = n.x + STEP_W / 2;
    const ex = leaf.x - LEAF_W / 2;
    const d = `M${sx},${n.y} C${sx + 60},${n.y} ${ex - 60},${leaf.y} ${ex},${leaf.y}`;
    const g = svg('g', { class: 'edge unknown', 'data-from': t.unknownNode, 'data-answer': 'unknown', 'data-to': 'INDETERMINATE' });
    g.append(svg('path', { d, 'marker-end': 'url(#arrow-unknown)' }));
    edgeLayer.append(g);
  }
  root.append(edgeLayer);

  const nodeLayer = svg('g', { class: 'nodes' });
  for (const [id, n] of Object.entries(TREE.nodes)) {
    const entry = t.taken.get(id);
    const unknown = id === t.unknownNode;
    const s = stepOf(n.step);
    const cls = `node step ${entry ? 'taken' : 'untaken'}${unknown ? ' unknown' : ''}`;
    const branch = n.branch ? ` (${n.branch} OMD)` : '';
    const g = svg('g', {
      class: cls, 'data-node': id, 'data-step': n.step, 'data-answer': entry ? entry.answer : null,
      tabindex: entry ? 0 : null, role: entry ? 'img' : null,
      'aria-label': entry ? stepLabel(entry) + branch : null,
    });
    g.append(svg('title', { text: entry ? stepLabel(entry) + branch : `${n.step}: ${s ? s.question : ''}${branch} (not asked for this case)` }));
    g.append(svg('rect', { x: n.x - STEP_W / 2, y: n.y - STEP_H / 2, width: STEP_W, height: STEP_H, rx: 6 }));
    g.append(svg('text', { x: n.x - STEP_W / 2 + 8, y: n.y - STEP_H / 2 + 15, class: 'step-id', text: n.step }));
    if (entry) {
      const answer = entry.answer === 'UNKNOWN' ? '? unknown' : entry.answer.toLowerCase();
      g.append(svg('text', { x: n.x + STEP_W / 2 - 8, y: n.y - STEP_H / 2 + 15, class: 'answer', 'text-anchor': 'end', text: answer }));
    }
    const lines = wrap(s ? s.question : '', 22).slice(0, 3);
    lines.forEach((line, i) => g.append(svg('text', { x: n.x - STEP_W / 2 + 8, y: n.y - STEP_H / 2 + 30 + i * 13, class: 'question', text: line })));
    if (entry) {
      g.addEventListener('focus', () => highlightRow(entry.step, true));
      g.addEventListener('blur', () => highlightRow(entry.step, false));
    }
    nodeLayer.append(g);
  }
  for (const [code, leaf] of Object.entries(TREE.leaves)) {
    const reached = code === t.leaf;
    const g = svg('g', {
      class: `node leaf ${reached ? 'reached' : 'untaken'}${code === 'INDETERMINATE' ? ' indeterminate' : ''}`,
      'data-leaf': code, tabindex: reached ? 0 : null, role: reached ? 'img' : null,
      'aria-label': reached ? `Result: ${categoryLabel(code)} (${code})` : null,
    });
    g.append(svg('title', { text: `${categoryLabel(code)} (${code})${reached ? ': the result for this case' : ''}` }));
    g.append(svg('rect', { x: leaf.x - LEAF_W / 2, y: leaf.y - LEAF_H / 2, width: LEAF_W, height: LEAF_H, rx: LEAF_H / 2 }));
    leaf.lines.forEach((line, i) => g.append(svg('text', { x: leaf.x, y: leaf.y - 3 + i * 14, 'text-anchor': 'middle', text: line })));
    nodeLayer.append(g);
  }
  root.append(nodeLayer);
  clear($('tree-wrap')).append(root);
}

function highlightRow(step, on) {
  const row = document.querySelector(`#path-table tr[data-step="${step}"]`);
  if (row) row.classList.toggle('focused', on);
}

function renderPath(a) {
  const body = clear($('path-table').tBodies[0]);
  for (const p of a.classification.path) {
    const s = stepOf(p.step);
    body.append(el('tr', { 'data-step': p.step, class: `answer-${p.answer.toLowerCase()}` },
      el('th', { scope: 'row', text: p.step }),
      el('td', { class: 'answer', text: p.answer }),
      el('td', {}, el('span', { class: 'question', text: s ? s.question : '' }),
        el('span', { class: 'because' }, breakable(p.because || '')))));
  }
  if (a.classification.path.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: 3, text: 'No question was answered.' })));
  }
  const pr = clear($('precondition-reasons'));
  if (a.classification.reasons.length) {
    pr.append(el('p', {}, el('strong', { text: 'Not oligometastatic because: ' }),
      a.classification.reasons.map(words).join('; '), '.'));
  }
  if (a.classification.missing.length) {
    pr.append(el('p', { class: 'unknown-note' }, el('strong', { text: 'Unknown, needed to classify: ' }),
      a.classification.missing.join(', '), '.'));
  }
  const ul = clear($('conventions'));
  for (const k of a.classification.conventions) {
    const meaning = conventionOf(k.id)?.meaning ?? '';
    ul.append(el('li', {}, el('strong', { text: k.id }), ' ', el('code', { text: `${k.name} = ${JSON.stringify(k.value)}` }),
      meaning ? `: ${meaning}` : ''));
  }
  if (a.classification.conventions.length === 0) ul.append(el('li', { text: 'None was needed for this case.' }));
}

// ---------------------------------------------------------------------------------------------------------
// The missing facts as a form

/** Every fact a what-if input is offered for: the missing facts now, plus those already given a what-if value. */
function missingKeys(a) {
  const c = currentCase();
  const keys = [];
  const add = (k) => { if (!keys.includes(k)) keys.push(k); };
  const lesionCount = Array.isArray(c.lesions) ? c.lesions.length : 0;
  const paths = [...a.classification.missing, ...a.candidacy.missing];
  a.lesions.forEach((l) => paths.push(...l.missing));
  for (const path of paths) {
    if (path.startsWith('lesions[].')) {
      const leaf = path.slice('lesions[].'.length);
      for (let i = 0; i < lesionCount; i++) {
        const v = c.lesions[i][leaf];
        if (v === null || v === undefined) add(`lesions[${i}].${leaf}`);
      }
    } else {
      add(path);
    }
  }
  for (const k of state.overrides.keys()) add(k);
  // keep the order the board first saw: a field filled in stays where it was, new ones come after
  const ordered = state.formKeys.filter((k) => keys.includes(k));
  for (const k of keys) if (!ordered.includes(k)) ordered.push(k);
  state.formKeys = [...new Set([...state.formKeys, ...ordered])];
  return ordered;
}

function renderMissing(a) {
  const form = clear($('missing-form'));
  const keys = missingKeys(a);
  const c = currentCase();
  if (keys.length === 0) {
    form.append(el('p', { text: 'No fact is missing: every question and rule could be decided.' }));
  }
  for (const key of keys) {
    const k = parseKey(key);
    if (key === 'lesions') {
      form.append(el('p', { class: 'field note', 'data-key': key },
        el('code', { text: 'lesions' }), ': the metastases are not recorded. Add them to the case JSON (an empty list means no distant metastasis).'));
      continue;
    }
    const f = fieldOf(k.path);
    if (!f) continue;
    const lesionId = k.lesion !== null ? c.lesions[k.lesion]?.id : null;
    const labelText = lesionId ? `${lesionId}: ${f.label || k.leaf}` : capitalised(f.label || key);
    form.append(inputFor(key, f, readValue(c, key), labelText));
  }
  $('whatif-reset').hidden = state.overrides.size === 0;
}

function inputFor(key, field, value, labelText) {
  const id = `fact-${key.replace(/[^A-Za-z0-9]/g, '-')}`;
  const isSet = state.overrides.has(key);
  const wrapDiv = el('div', { class: `field${isSet ? ' whatif' : ''}`, 'data-key': key, 'data-type': field.type });
  const describe = isSet ? `${id}-note` : null;
  const note = isSet ? el('span', { class: 'whatif-note', id: `${id}-note`, text: 'what-if value' }) : null;

  if (field.type === 'ENUM_SET') {
    const fs = el('fieldset', { 'aria-describedby': describe });
    fs.append(el('legend', {}, el('span', { text: labelText }), ' ', el('code', { class: 'path', text: key }), note ? ' ' : '', note));
    const chosen = Array.isArray(value) ? value : null;
    const update = () => {
      const boxes = [...fs.querySelectorAll('input[data-value]')];
      const none = fs.querySelector('input[data-none]');
      const picked = boxes.filter((b) => b.checked).map((b) => b.dataset.value);
      setOverride(key, picked.length ? picked : (none.checked ? [] : null));
    };
    const noneBox = el('input', { type: 'checkbox', id: `${id}-none`, 'data-none': 'true', checked: chosen !== null && chosen.length === 0 });
    noneBox.addEventListener('change', () => {
      if (noneBox.checked) fs.querySelectorAll('input[data-value]').forEach((b) => { b.checked = false; });
      update();
    });
    fs.append(el('div', { class: 'check' }, noneBox, el('label', { for: `${id}-none`, text: 'none of these' })));
    for (const v of field.values) {
      const box = el('input', { type: 'checkbox', id: `${id}-${v}`, 'data-value': v, checked: chosen !== null && chosen.includes(v) });
      box.addEventListener('change', () => { if (box.checked) noneBox.checked = false; update(); });
      fs.append(el('div', { class: 'check' }, box, el('label', { for: `${id}-${v}`, text: words(v) })));
    }
    wrapDiv.append(fs);
    return wrapDiv;
  }

  const label = el('label', { for: id }, el('span', { text: labelText }), ' ', el('code', { class: 'path', text: key }));
  let input;
  const hasValue = value !== null && value !== undefined;
  switch (field.type) {
    case 'BOOLEAN':
      input = el('select', { id },
        el('option', { value: '', text: 'unknown', selected: !hasValue }),
        el('option', { value: 'true', text: 'yes', selected: value === true }),
        el('option', { value: 'false', text: 'no', selected: value === false }));
      input.addEventListener('change', () => setOverride(key, input.value === '' ? null : input.value === 'true'));
      break;
    case 'ENUM':
      input = el('select', { id }, el('option', { value: '', text: 'unknown', selected: !hasValue }),
        field.values.map((v) => el('option', { value: v, text: words(v), selected: value === v })));
      input.addEventListener('change', () => setOverride(key, input.value || null));
      break;
    case 'DATE':
      input = el('input', { id, type: 'date', value: hasValue ? value : '' });
      input.addEventListener('change', () => {
        if (input.value === '' || /^\d{4}-\d{2}-\d{2}$/.test(input.value)) setOverride(key, input.value || null);
      });
      break;
    case 'INTEGER':
    case 'NUMBER': {
      const attrs = { id, type: 'number', inputmode: field.type === 'INTEGER' ? 'numeric' : 'decimal',
        step: field.type === 'INTEGER' ? 1 : 'any', value: hasValue ? value : '' };
      if (field.min !== undefined && !field.minExclusive) attrs.min = field.min;
      if (field.max !== undefined) attrs.max = field.max;
      input = el('input', attrs);
      input.addEventListener('change', () => {
        if (input.value === '') { setOverride(key, null); return; }
        const n = Number(input.value);
        if (Number.isFinite(n)) setOverride(key, n);
      });
      break;
    }
    default: { // HISTOLOGY and STRING: a text input; histology names offered as suggestions
      input = el('input', { id, type: 'text', value: hasValue ? value : '', autocomplete: 'off' });
      if (field.type === 'HISTOLOGY') {
        const listId = `${id}-list`;
        input.setAttribute('list', listId);
        wrapDiv.append(el('datalist', { id: listId }, state.vocab.histologies.map((h) => el('option', { value: h.name }))));
      }
      input.addEventListener('change', () => setOverride(key, input.value.trim() || null));
    }
  }
  if (describe) input.setAttribute('aria-describedby', describe);
  wrapDiv.prepend(label, input);
  if (note) wrapDiv.append(note);
  return wrapDiv;
}

// ---------------------------------------------------------------------------------------------------------
// Lesions, candidacy, mapping, rule set

function reasonItem(r) {
  const effect = r.effect === undefined ? null : r.effect;
  return el('li', { class: `reason${effect === null ? '' : effect > 0 ? ' favour' : effect < 0 ? ' caution' : ''}` },
    effect === null ? null : el('span', { class: 'effect', text: effect > 0 ? `+${effect}` : String(effect) }), effect === null ? null : ' ',
    el('span', { class: 'rule', text: r.rule }), ' ',
    r.tier ? el('abbr', { class: 'tier', title: tierLabel(r.tier), text: r.tier }) : el('span', { class: 'tier none', text: '–' }), ' ',
    el('span', { class: 'reason-text', text: r.text }),
    r.evidence ? el('cite', { text: r.evidence }) : null);
}

function lesionDescription(l) {
  if (!l) return '';
  const parts = [words(l.site)];
  if (l.laterality) parts.push(words(l.laterality));
  if (l.sizeMm !== undefined && l.sizeMm !== null) parts.push(`${l.sizeMm} mm`);
  if (l.response) parts.push(words(l.response));
  return parts.join(', ');
}

function renderLesions(a) {
  const c = currentCase();
  const list = clear($('lesion-list'));
  const t = a.candidacy.treatsAllLesions;
  $('treats-all').textContent = a.lesions.length === 0 ? 'No lesion is recorded.'
    : `Techniques that can treat every counted lesion: ${t.length ? t.map(techniqueLabel).join(', ') : 'none'}.`;
  for (const la of a.lesions) {
    const lesion = Array.isArray(c.lesions) ? c.lesions.find((x) => x.id === la.lesionId) : null;
    const headingId = `lesion-${la.lesionId.replace(/[^A-Za-z0-9_-]/g, '_')}-heading`;
    const sec = el('section', { class: 'lesion', 'data-lesion': la.lesionId, 'aria-labelledby': headingId });
    sec.append(el('h3', { id: headingId }, el('span', { class: 'lesion-id', text: la.lesionId }), ' ',
      el('span', { class: 'lesion-desc', text: lesionDescription(lesion) })));
    if (la.options.length) {
      const ranks = displayRanks(la.options);
      const table = el('table', { class: 'options' },
        el('caption', { text: `Ranked options for ${la.lesionId}` }),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Rank' }), el('th', { scope: 'col', text: 'Technique' }),
          el('th', { scope: 'col', text: 'Score' }), el('th', { scope: 'col', text: 'Reasons (effect, rule, evidence tier, citation)' }))));
      const tbody = el('tbody');
      la.options.forEach((o, i) => {
        const open = Array.isArray(o.openExclusions) ? o.openExclusions : [];
        const tie = ranks[i].startsWith('=');
        const rankCell = el('td', { class: 'rank' }, el('span', { text: ranks[i] }),
          tie ? el('span', { class: 'visually-hidden', text: ' (tied)' }) : null);
        const reasons = el('ul', { class: 'reasons' }, o.reasons.map(reasonItem));
        if (o.reasons.length === 0) reasons.append(el('li', { class: 'reason none', text: 'no rule applied' }));
        const techCell = el('th', { scope: 'row' }, techniqueLabel(o.technique));
        if (open.length) {
          techCell.append(el('span', { class: 'provisional', text: 'provisional' }));
          reasons.append(...open.map((x) => el('li', { class: 'reason open' },
            el('strong', { text: 'Could still be excluded: ' }), el('span', { class: 'rule', text: x.rule }),
            ` is undecided until ${x.missing.join(', ')} ${x.missing.length === 1 ? 'is' : 'are'} known.`)));
        }
        tbody.append(el('tr', { 'data-technique': o.technique, 'data-rank': o.rank, class: open.length ? 'provisional-row' : null },
          rankCell, techCell, el('td', { class: 'score', text: o.score > 0 ? `+${o.score}` : String(o.score) }), el('td', {}, reasons)));
      });
      table.append(tbody);
      sec.append(table);
    } else {
      sec.append(el('p', { class: 'none-left', text: 'Every technique is excluded for this lesion.' }));
    }
    if (la.excluded.length) {
      const ex = el('table', { class: 'excluded' }, el('caption', { text: `Excluded for ${la.lesionId}` }),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Technique' }), el('th', { scope: 'col', text: 'Excluded because' }))));
      const tb = el('tbody');
      for (const x of la.excluded) {
        tb.append(el('tr', { 'data-technique': x.technique }, el('th', { scope: 'row', text: techniqueLabel(x.technique) }),
          el('td', {}, el('ul', { class: 'reasons' }, x.reasons.map(reasonItem)))));
      }
      ex.append(tb);
      sec.append(ex);
    }
    if (la.missing.length) {
      sec.append(el('p', { class: 'unknown-note' }, el('strong', { text: 'Undecided for lack of: ' }), la.missing.join(', ')));
    }
    list.append(sec);
  }
}

function renderCandidacy(a) {
  const body = clear($('candidacy-body'));
  const cand = a.candidacy;
  body.append(el('p', {}, el('strong', { text: capitalised(levelLabel(cand.level)) }), ' ', el('code', { text: cand.level })));
  if (cand.reasons.length) {
    body.append(el('h3', { text: 'Reasons' }), el('ul', { class: 'reasons' }, cand.reasons.map(reasonItem)));
  }
  if (cand.missing.length) {
    body.append(el('p', { class: 'unknown-note' }, el('strong', { text: 'Facts that would settle it: ' }), cand.missing.join(', ')));
  }
}

function mappingTable(mapping) {
  const table = el('table', { class: 'mapping' }, el('caption', { text: 'Mapping report' }),
    el('thead', {}, el('tr', {}, ['Severity', 'Status', 'Field', 'Source', 'Rule', 'Message'].map((h) => el('th', { scope: 'col', text: h })))));
  const tb = el('tbody');
  for (const m of mapping) {
    tb.append(el('tr', { class: `severity-${String(m.severity).toLowerCase()}` },
      el('td', { text: m.severity }), el('td', { text: m.status }), el('td', {}, el('code', { text: m.field || '–' })),
      el('td', { text: m.source || '' }), el('td', { text: m.rule }), el('td', { text: m.message })));
  }
  table.append(tb);
  return table;
}

function renderMapping() {
  const sec = $('mapping');
  if (!state.mapping) { sec.hidden = true; return; }
  sec.hidden = false;
  const unknown = state.mapping.filter((m) => m.status === 'UNKNOWN').length;
  const details = el('details', { open: true },
    el('summary', { text: `${state.mapping.length} entries; ${unknown} fact(s) the record does not hold` }),
    el('div', { class: 'table-scroll' }, mappingTable(state.mapping)));
  clear($('mapping-body')).append(details);
}

/** A Bundle that did not map: its report is still worth reading (it says what is wrong). */
function renderMappingOnly(mapping) {
  const box = $('input-errors');
  box.append(el('details', {}, el('summary', { text: 'Mapping report' }), el('div', { class: 'table-scroll' }, mappingTable(mapping))));
}

function renderRuleSet(a) {
  const body = clear($('ruleset-body'));
  body.append(el('p', {}, el('strong', { text: `${a.rules.name} ${a.rules.version}` }), ', fingerprint ',
    el('code', { class: 'fingerprint', text: a.rules.fingerprint })));
  body.append(el('p', {}, 'Rules fired: ', a.firedRules.length ? a.firedRules.join(', ') : 'none', '.'));
  body.append(el('p', { class: 'hint' }, 'Evidence tiers: ',
    state.vocab.tiers.map((t) => `${t.code} ${t.label}`).join(', '), '. Score = sum of the effects; equal options share a rank (shown as =2).'));
  body.append(el('p', {}, el('strong', { text: a.disclaimer })));
}

// ---------------------------------------------------------------------------------------------------------
// What changed after a what-if value

function optionMap(a) {
  const m = new Map();
  for (const l of a.lesions) {
    const ranks = displayRanks(l.options);
    l.options.forEach((o, i) => m.set(`${l.lesionId} ${o.technique}`, `rank ${ranks[i]} (score ${o.score > 0 ? '+' : ''}${o.score})`));
    l.excluded.forEach((x) => m.set(`${l.lesionId} ${x.technique}`, 'excluded'));
  }
  return m;
}

function renderChanges(previous, a) {
  const box = $('changes');
  const near = $('changes-near');
  clear(box);
  clear(near);
  near.hidden = true;
  document.querySelectorAll('.changed').forEach((n) => n.classList.remove('changed'));
  if (!previous) { box.hidden = true; return; }
  const items = [];
  if (previous.classification.category !== a.classification.category) {
    items.push(`Category: ${categoryLabel(previous.classification.category)} (${previous.classification.category}) → ${categoryLabel(a.classification.category)} (${a.classification.category})`);
    $('category-words').parentElement.classList.add('changed');
  }
  if (previous.candidacy.level !== a.candidacy.level) {
    items.push(`Candidacy: ${levelLabel(previous.candidacy.level)} → ${levelLabel(a.candidacy.level)}`);
    $('candidacy-words').parentElement.classList.add('changed');
  }
  const added = a.candidacy.flags.filter((f) => !previous.candidacy.flags.includes(f));
  const removed = previous.candidacy.flags.filter((f) => !a.candidacy.flags.includes(f));
  if (added.length) items.push(`Flags raised: ${added.join(', ')}`);
  if (removed.length) items.push(`Flags cleared: ${removed.join(', ')}`);
  const before = optionMap(previous);
  const after = optionMap(a);
  for (const [k, v] of after) {
    if (before.has(k) && before.get(k) !== v) {
      items.push(`${k}: ${before.get(k)} → ${v}`);
      const [lesion, technique] = k.split(' ');
      document.querySelector(`section.lesion[data-lesion="${CSS.escape(lesion)}"] tr[data-technique="${technique}"]`)?.classList.add('changed');
    }
  }
  box.append(el('h3', { text: 'What changed' }));
  const ul = el('ul');
  if (items.length === 0) ul.append(el('li', { text: 'No change in category, candidacy, flags or ranks.' }));
  items.forEach((i) => ul.append(el('li', { text: i })));
  box.append(ul);
  box.hidden = false;
  // the same list beside the form, where the value was entered (the summary may be off screen)
  near.append(el('h3', { text: `What changed: now ${categoryLabel(a.classification.category)} (${a.classification.category}), ${levelLabel(a.candidacy.level)}` }),
    ul.cloneNode(true));
  near.hidden = false;
}

start().catch((e) => showInputErrors('The page could not start.', [String(e && e.message ? e.message : e)]));
