/* global document, window, EventSource, URL, URLSearchParams, fetch */
// The observe page: one snapshot a second over server-sent events, drawn as plain DOM and SVG,
// with uPlot for the chart of the last minute.
import uPlot from '/vendor/uplot.esm.js';

// Nothing here parses an LSN: the server sends each position as text plus its byte offset on
// the line, so this file only scales numbers.

const SVG = 'http://www.w3.org/2000/svg';
const params = new URLSearchParams(window.location.search);
/** <details> the reader opened (or closed), by key, so a re-render keeps them as they were. */
const toggled = new Map();

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.setAttribute('class', value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof window.Node ? child : String(child));
  }
}

/** A <details> that remembers whether the reader opened it. */
function details(key, summary, body, openByDefault = false) {
  const open = toggled.has(key) ? toggled.get(key) : openByDefault;
  const element = h('details', { 'data-key': key, open }, h('summary', {}, summary), body);
  element.addEventListener('toggle', () => toggled.set(key, element.open));
  return element;
}

export function formatBytes(bytes) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let size = Number(bytes);
  let unit = 0;
  while (Math.abs(size) >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? Math.round(size) : size.toFixed(1)} ${units[unit]}`;
}

const isUnavailable = (view) => view && typeof view === 'object' && 'error' in view;
const isAbsent = (view) => view && typeof view === 'object' && view.absent === true;

function replace(id, ...children) {
  const container = document.getElementById(id);
  container.replaceChildren(...children.flat().filter(Boolean));
}

// ---------------------------------------------------------------- the WAL

const LEVEL_TEXT = { ok: 'under 100 MB', warning: 'WARNING: over 100 MB', critical: 'CRITICAL: over 1 GB' };

/**
 * The last minute as a chart (uPlot): how much WAL the cluster writes each second, and how much
 * each logical slot keeps. A slot whose reader confirms shows a flat line near the bottom; an
 * idle or stuck one a line that climbs with every byte written anywhere on the server.
 */
const HISTORY_SECONDS = 60;
const SLOT_COLOURS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2'];
const history = { at: [], rate: [], kept: new Map() };
let lastInsert;
let chart;
let chartSeries = '';
// One element for the whole session: re-rendering the WAL section moves it, the canvas stays.
const chartBox = h('div', { class: 'chart-box', id: 'wal-chart', 'aria-label': 'the last minute: WAL written per second and WAL each slot keeps' });

function remember(postgres, at) {
  const seconds = Date.parse(at) / 1000;
  const insert = BigInt(postgres.insertBytes);
  const rate = lastInsert === undefined ? null : Number(insert - lastInsert.insert) / Math.max(0.001, seconds - lastInsert.seconds);
  lastInsert = { seconds, insert };
  history.at.push(seconds);
  history.rate.push(rate);
  const logical = postgres.slots.filter((slot) => slot.slotType === 'logical');
  for (const slot of logical) if (!history.kept.has(slot.name)) history.kept.set(slot.name, history.at.slice(0, -1).map(() => null));
  for (const [name, values] of history.kept) {
    const slot = logical.find((candidate) => candidate.name === name);
    values.push(slot && slot.retainedBytes !== null ? Number(slot.retainedBytes) : null);
  }
  while (history.at.length > 0 && history.at[0] < seconds - HISTORY_SECONDS) {
    history.at.shift();
    history.rate.shift();
    for (const values of history.kept.values()) values.shift();
  }
  for (const [name, values] of history.kept) if (values.every((value) => value === null)) history.kept.delete(name);
}

function drawChart(width) {
  const names = [...history.kept.keys()];
  const data = [history.at, history.rate, ...names.map((name) => history.kept.get(name))];
  if (chart && chartSeries === names.join('\n')) {
    chart.setData(data);
    return;
  }
  chart?.destroy();
  chartSeries = names.join('\n');
  const bytes = (_chart, values) => values.map((value) => formatBytes(value));
  chart = new uPlot({
    width: Math.max(320, width),
    height: 170,
    legend: { live: false },
    scales: { x: { time: true }, rate: { range: (_chart, min, max) => [0, Math.max(1024, max)] }, kept: { range: (_chart, min, max) => [0, Math.max(1024, max)] } },
    series: [
      {},
      { label: 'WAL written per second (whole cluster)', scale: 'rate', stroke: '#9ca3af', width: 1, fill: 'rgba(156,163,175,0.15)', value: (_chart, value) => (value === null ? '—' : `${formatBytes(value)}/s`) },
      ...names.map((name, index) => ({ label: `${name} keeps`, scale: 'kept', stroke: SLOT_COLOURS[index % SLOT_COLOURS.length], width: 2, value: (_chart, value) => (value === null ? '—' : formatBytes(value)) })),
    ],
    axes: [
      {},
      { scale: names.length > 0 ? 'kept' : 'rate', values: names.length > 0 ? bytes : (_chart, values) => values.map((value) => `${formatBytes(value)}/s`), size: 70 },
      ...(names.length > 0 ? [{ scale: 'rate', side: 1, grid: { show: false }, values: (_chart, values) => values.map((value) => `${formatBytes(value)}/s`), size: 70 }] : []),
    ],
  }, data, chartBox);
}

function renderWal(postgres, at) {
  if (isUnavailable(postgres)) return replace('wal', h('p', { class: 'problem' }, `Postgres did not answer: ${postgres.error}`));
  remember(postgres, at);
  const { line, slots } = postgres;
  const width = 1000;
  const left = 20;
  const right = 20;
  const span = width - left - right;
  const x = (offset) => left + (line.bytes === 0 ? span : (span * offset) / line.bytes);
  const logical = slots.filter((slot) => slot.slotType === 'logical');
  const physical = slots.filter((slot) => slot.slotType !== 'logical');
  const laneHeight = 52;
  const height = 72 + logical.length * laneHeight;

  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'wal-line', role: 'img', 'aria-label': 'the WAL as a line' });
  // The line itself: the WAL from the oldest position anything holds to the insert position.
  svg.append(s('line', { x1: left, y1: 30, x2: width - right, y2: 30, class: 'wal' }));
  svg.append(s('text', { x: left, y: 18, class: 'small' }, `${line.start}`));
  svg.append(s('polygon', { points: `${x(line.bytes)},30 ${x(line.bytes) - 7},18 ${x(line.bytes) + 7},18`, class: 'insert' }));
  svg.append(s('text', { x: x(line.bytes), y: 50, class: 'small end', 'data-insert-lsn': postgres.insertLsn }, `insert ${postgres.insertLsn}`));

  logical.forEach((slot, index) => {
    const y = 84 + index * laneHeight;
    const group = s('g', { class: `slot level-${slot.retainedLevel}`, 'data-slot': slot.name });
    group.append(s('text', { x: left, y: y + 24, class: 'slot-name' }, `${slot.name}${slot.active ? '' : ' (inactive)'}`));
    const restart = slot.at.restart;
    if (restart !== null) {
      // What the slot keeps: from its restart_lsn to the insert position.
      group.append(s('rect', { x: x(restart), y: y - 8, width: Math.max(2, x(line.bytes) - x(restart)), height: 16, class: 'retained' }));
      group.append(s('line', { x1: x(restart), y1: 30, x2: x(restart), y2: y + 8, class: 'tether' }));
      group.append(s('text', { x: x(restart) - 4, y: y + 4, class: 'marker-label end' }, 'R'));
    }
    for (const [name, label] of [['sent', 'sent'], ['write', 'write'], ['flush', 'flush']]) {
      const at = slot.at[name];
      if (at === null) continue;
      group.append(s('line', { x1: x(at), y1: y - 11, x2: x(at), y2: y + 11, class: `sender ${name}` }, s('title', {}, `walsender ${label}: ${slot.sender[`${name}Lsn`]}`)));
    }
    const confirmed = slot.at.confirmed;
    if (confirmed !== null) {
      group.append(s('polygon', {
        points: `${x(confirmed)},${y - 9} ${x(confirmed) - 6},${y - 19} ${x(confirmed) + 6},${y - 19}`,
        class: 'confirmed',
        'data-marker': 'confirmed',
        'data-lsn': slot.confirmedFlushLsn,
      }, s('title', {}, `confirmed_flush_lsn ${slot.confirmedFlushLsn}`)));
    }
    svg.append(group);
  });

  const rows = logical.map((slot) => h('tr', { 'data-slot': slot.name, 'data-confirmed-lsn': slot.confirmedFlushLsn ?? '', 'data-restart-lsn': slot.restartLsn ?? '' },
    h('td', {}, h('strong', {}, slot.name), h('div', { class: 'dim' }, `${slot.plugin ?? ''} · ${slot.database ?? ''}`)),
    h('td', { class: 'mono' }, slot.restartLsn ?? '—'),
    h('td', { class: 'mono confirmed-text' }, slot.confirmedFlushLsn ?? '—'),
    h('td', { class: `retained-text level-${slot.retainedLevel}` }, slot.retainedBytes === null ? '—' : formatBytes(slot.retainedBytes), h('div', { class: 'dim' }, LEVEL_TEXT[slot.retainedLevel])),
    h('td', {}, slot.walStatus ?? '—'),
    h('td', {}, slot.active ? h('span', { class: 'badge active' }, `active, pid ${slot.activePid}`) : h('span', { class: 'badge inactive' }, 'inactive')),
    h('td', { class: 'mono' }, slot.sender ? `${slot.sender.state}: sent ${slot.sender.sentLsn} · write ${slot.sender.writeLsn} · flush ${slot.sender.flushLsn}` : '—'),
  ));

  replace('wal',
    h('p', {}, `Insert position `, h('strong', { class: 'mono', id: 'insert-lsn' }, postgres.insertLsn),
      logical.length === 0 ? h('span', { class: 'dim' }, ' — no logical slot: nothing holds WAL back for a reader.') : h('span', { class: 'dim' }, ` — the line spans ${formatBytes(line.bytes)} of WAL, from the oldest position a slot holds.`)),
    svg,
    chartBox,
    h('p', { class: 'legend dim' },
      h('span', { class: 'key insert' }, '▼'), ' insert position  ',
      h('span', { class: 'key confirmed' }, '▼'), ' confirmed_flush_lsn  ',
      h('span', { class: 'key restart' }, 'R'), ' restart_lsn (the bar is the WAL it keeps)  ',
      h('span', { class: 'key sender' }, '|'), ' walsender sent / write / flush'),
    logical.length > 0 && h('table', { class: 'slots' },
      h('thead', {}, h('tr', {}, ['slot', 'restart_lsn', 'confirmed_flush_lsn', 'retained', 'wal_status', 'process', 'walsender'].map((title) => h('th', {}, title)))),
      h('tbody', {}, rows)),
    physical.length > 0 && h('p', { class: 'dim' }, `Physical slots: ${physical.map((slot) => slot.name).join(', ')}`),
  );
  drawChart(document.getElementById('wal').clientWidth);
}

// ---------------------------------------------------------------- Kafka

function offsetBar(topic) {
  // A bar per partition (one for the whole topic past four): log start … high watermark, the
  // part past the last stable offset (an open transaction) in orange.
  const bar = (title, low, stable, high) => {
    const total = high - low;
    const stableShare = total <= 0 ? 0 : ((stable - low) / total) * 100;
    const openShare = total <= 0 ? 0 : 100 - stableShare;
    return h('div', { class: 'bar', title },
      h('div', { class: 'committed', style: `width:${stableShare}%` }),
      h('div', { class: 'open', style: `width:${openShare}%` }));
  };
  if (topic.partitions.length > 4) {
    const sum = (field) => topic.partitions.reduce((total, partition) => total + Number(partition[field]), 0);
    return h('div', { class: 'bars' }, bar(`all ${topic.partitions.length} partitions`, sum('low'), sum('lastStable'), sum('high')));
  }
  return h('div', { class: 'bars' }, topic.partitions.map((partition) => bar(
    `partition ${partition.partition}: log start ${partition.low}, last stable offset ${partition.lastStable}, high watermark ${partition.high}`,
    Number(partition.low), Number(partition.lastStable), Number(partition.high))));
}

function decodedView(decoded, key) {
  switch (decoded.kind) {
    case 'null': return h('span', { class: 'dim' }, 'null');
    case 'text': return h('span', { class: 'mono' }, decoded.text);
    case 'bytes': return h('span', { class: 'mono dim' }, `0x${decoded.hex}`);
    case 'json': return tree(decoded.json, key, 'JSON');
    case 'avro': return tree(decoded.json, key, `Avro, schema ${decoded.schemaId}`);
    case 'avro-unknown': return h('span', { class: 'problem' }, `Avro schema ${decoded.schemaId}: ${decoded.error}`);
    default: return h('span', {}, JSON.stringify(decoded));
  }
}

function tree(value, key, label) {
  const compact = JSON.stringify(value);
  // Short values (most keys) read best on one line; a change event leads with its op and row.
  if (compact.length <= 48) return h('span', {}, label === 'JSON' ? null : h('span', { class: 'dim' }, `${label} `), h('span', { class: 'mono' }, compact));
  return details(key, [h('span', { class: 'dim' }, `${label} `), h('span', { class: 'mono' }, headline(value))], node(value, key), false);
}

function headline(value) {
  const event = value && typeof value === 'object' && !Array.isArray(value) ? (value.payload && typeof value.payload === 'object' ? value.payload : value) : null;
  const text = event && 'op' in event
    ? `op=${event.op} ${event.op === 'd' ? `before=${JSON.stringify(event.before)}` : `after=${JSON.stringify(event.after)}`}`
    : JSON.stringify(value);
  return text.length > 110 ? `${text.slice(0, 110)}…` : text;
}

function summaryOf(value) {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    return `{ ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''} }`;
  }
  return JSON.stringify(value);
}

function node(value, key) {
  if (value === null || typeof value !== 'object') return h('span', { class: `json ${value === null ? 'null' : typeof value}` }, JSON.stringify(value));
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return h('ul', { class: 'tree' }, entries.map(([name, item]) => {
    const childKey = `${key}.${name}`;
    const leaf = item === null || typeof item !== 'object';
    return h('li', {}, leaf
      ? [h('span', { class: 'field' }, `${name}: `), node(item, childKey)]
      : details(childKey, [h('span', { class: 'field' }, `${name}: `), h('span', { class: 'dim' }, summaryOf(item))], node(item, childKey), name === 'after' || name === 'source' || name === 'payload'));
  }));
}

const STATE_TEXT = {
  committed: 'committed',
  open: 'open transaction',
  aborted: 'aborted',
  'commit-marker': 'COMMIT marker',
  'abort-marker': 'ABORT marker',
};

function recordRow(topic, record) {
  const key = `${topic}/${record.partition}/${record.offset}`;
  const marker = record.state === 'commit-marker' || record.state === 'abort-marker';
  return h('tr', { class: `record state-${record.state}`, 'data-offset': record.offset },
    h('td', { class: 'mono' }, `${record.partition}:${record.offset}`),
    h('td', {}, h('span', { class: `badge ${record.state}` }, STATE_TEXT[record.state] ?? record.state)),
    h('td', { class: 'mono' }, marker ? '' : decodedView(record.key, `${key}/key`)),
    h('td', {}, marker
      ? h('span', { class: 'dim' }, 'written by the transaction coordinator; never delivered to consumers')
      : record.value.kind === 'null' && record.key.kind !== 'null' ? h('span', { class: 'dim' }, 'null (a tombstone: compaction removes the key)') : decodedView(record.value, `${key}/value`)),
    h('td', { class: 'mono small' }, Object.entries(record.headers).map(([name, value]) => h('div', {}, `${name}: ${value}`))),
    h('td', { class: 'mono small' }, record.source ? [record.source.lsn && h('div', {}, `lsn ${record.source.lsn}`), record.source.txId && h('div', {}, `txId ${record.source.txId}`)] : ''),
  );
}

function renderTopics(kafka, only) {
  if (isAbsent(kafka)) return replace('topics', h('p', { class: 'dim' }, 'This stack runs no Kafka (labs 1 to 3 need only Postgres).'));
  if (isUnavailable(kafka)) return replace('topics', h('p', { class: 'problem' }, `Kafka did not answer: ${kafka.error}`));
  if (kafka.topics.length === 0) return replace('topics', h('p', { class: 'dim' }, only ? `No topic with ${only} in its name.` : `No topics yet on ${kafka.brokers}.`));
  const cards = kafka.topics.map((topic) => {
    const sum = (field) => topic.partitions.reduce((total, partition) => total + Number(partition[field]), 0);
    const high = sum('high');
    const stable = sum('lastStable');
    return h('article', { class: `topic${topic.heldBack ? ' held-back' : ''}`, 'data-topic': topic.name, 'data-high': high, 'data-lso': stable },
      h('header', {},
        h('strong', { class: 'mono' }, topic.name),
        h('span', { class: 'dim' }, ` ${topic.partitions.length} partition${topic.partitions.length === 1 ? '' : 's'}, ${topic.records} offsets kept`),
        topic.transactional && h('span', { class: 'badge transactional' }, 'transactional')),
      h('div', { class: 'offsets' },
        h('span', {}, 'high watermark ', h('strong', { class: 'high' }, high)),
        topic.transactional || topic.heldBack
          ? h('span', {}, 'last stable offset ', h('strong', { class: 'lso' }, stable))
          : null,
        topic.heldBack ? h('span', { class: 'warn' }, `a transaction is open: read_committed readers stop ${high - stable} offset${high - stable === 1 ? '' : 's'} short`) : null),
      offsetBar(topic),
      topic.latest === null
        ? h('p', { class: 'dim small' }, 'records not sampled (only the most recently written topics are)')
        : topic.latest.length === 0
          ? h('p', { class: 'dim small' }, 'no records')
          : h('table', { class: 'records' },
            h('thead', {}, h('tr', {}, ['offset', 'state', 'key', 'value', 'headers', 'source'].map((title) => h('th', {}, title)))),
            h('tbody', {}, topic.latest.map((record) => recordRow(topic.name, record)))),
    );
  });
  replace('topics', cards, kafka.hiddenTopics > 0 && h('p', { class: 'dim' }, `${kafka.hiddenTopics} more topic(s) not shown (pnpm observe --only <text> narrows the list).`));
}

function renderGroups(kafka, only) {
  if (isAbsent(kafka) || isUnavailable(kafka)) return replace('groups', h('p', { class: 'dim' }, '—'));
  if (kafka.groups.length === 0) return replace('groups', h('p', { class: 'dim' }, only ? `No consumer group with offsets on those topics.` : 'No consumer groups.'));
  replace('groups', h('table', { class: 'groups' },
    h('thead', {}, h('tr', {}, ['group', 'state', 'members', 'lag', 'committed offsets'].map((title) => h('th', {}, title)))),
    h('tbody', {}, kafka.groups.map((group) => h('tr', { 'data-group': group.groupId },
      h('td', { class: 'mono' }, group.groupId),
      h('td', {}, group.state),
      h('td', {}, group.members),
      h('td', { class: group.totalLag > 0 ? 'warn' : '' }, group.totalLag),
      h('td', { class: 'mono small' }, group.partitions.map((partition) => h('div', {}, `${partition.topic}:${partition.partition} at ${partition.committed ?? 'none'} (lag ${partition.lag})`))),
    )))));
}

function renderConnect(connect, only) {
  if (isAbsent(connect)) return replace('connect', h('p', { class: 'dim' }, 'This stack runs no Kafka Connect (only lab 9 needs it).'));
  if (isUnavailable(connect)) return replace('connect', h('p', { class: 'problem' }, `Kafka Connect did not answer: ${connect.error}`));
  if (connect.connectors.length === 0) return replace('connect', h('p', { class: 'dim' }, only ? `No connector with ${only} in its name.` : `No connectors on ${connect.url}.`));
  replace('connect', connect.connectors.map((connector) => h('article', { class: 'connector', 'data-connector': connector.name },
    h('header', {}, h('strong', { class: 'mono' }, connector.name), ' ', h('span', { class: `badge ${connector.state.toLowerCase()}` }, connector.state), h('span', { class: 'dim' }, ` ${connector.type ?? ''} on ${connector.workerId ?? '?'}`)),
    h('ul', { class: 'tasks' }, connector.tasks.map((task) => h('li', {}, `task ${task.id} `, h('span', { class: `badge ${task.state.toLowerCase()}` }, task.state), task.trace && h('pre', { class: 'trace' }, task.trace)))),
    details(`connector/${connector.name}/config`, 'config (passwords masked)', h('pre', { class: 'config' }, Object.entries(connector.config).map(([name, value]) => `${name} = ${value}`).join('\n'))),
  )));
}

// ---------------------------------------------------------------- the lab's panel

async function setUpWatchPanel() {
  const panels = await fetch('/api/labs').then((response) => response.json());
  const select = document.getElementById('lab-select');
  select.replaceChildren(h('option', { value: '' }, 'no lab'), ...panels.map((panel) => h('option', { value: String(panel.number) }, `lab ${panel.number} — ${panel.title}`)));
  const show = () => {
    const panel = panels.find((candidate) => String(candidate.number) === select.value);
    document.getElementById('watch').dataset.lab = select.value;
    document.getElementById('watch-text').replaceChildren(panel ? h('span', {}, panel.watch, ' ', h('span', { class: 'dim' }, `(${panel.docs})`)) : h('span', { class: 'dim' }, 'Choose a lab to see which marker to follow.'));
    const next = new URL(window.location.href);
    if (select.value) next.searchParams.set('lab', select.value);
    else next.searchParams.delete('lab');
    window.history.replaceState(null, '', next);
  };
  select.value = params.get('lab') ?? '';
  select.addEventListener('change', show);
  show();
  document.getElementById('watch').hidden = false;
}

// ---------------------------------------------------------------- live updates

function render(snapshot) {
  renderWal(snapshot.postgres, snapshot.at);
  renderTopics(snapshot.kafka, snapshot.only);
  renderGroups(snapshot.kafka, snapshot.only);
  renderConnect(snapshot.connect, snapshot.only);
  document.getElementById('updated').textContent = `updated ${new Date(snapshot.at).toLocaleTimeString()}${snapshot.only ? ` · showing only names with ${snapshot.only}` : ''}`;
  document.body.dataset.snapshotAt = snapshot.at;
}

function connect() {
  const connection = document.getElementById('connection');
  const events = new EventSource('/events');
  events.addEventListener('open', () => {
    connection.dataset.state = 'live';
    connection.textContent = 'live';
  });
  events.addEventListener('snapshot', (event) => render(JSON.parse(event.data)));
  events.addEventListener('error', () => {
    connection.dataset.state = 'reconnecting';
    connection.textContent = 'reconnecting… (is pnpm observe still running?)';
  });
}

setUpWatchPanel().catch(() => {});
connect();
