// Shared helpers: building elements (every server value goes in as text, never as HTML), times
// as "3 min ago" with the exact time on hover, durations, and JSON shown as a folding tree.
(function (Durable) {
  'use strict';

  var ENDED = ['COMPLETED', 'FAILED', 'CANCELLED'];

  // What a Content-Security-Policy refused, kept where a developer (or a browser test) can read it.
  document.addEventListener('securitypolicyviolation', function (event) {
    (window.durableCspViolations = window.durableCspViolations || []).push(event.violatedDirective + ' ' + event.blockedURI);
  });

  function el(tag, attributes, children) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === 'text') { element.textContent = String(value); }
      else if (name === 'className') { element.className = value; }
      else if (name.indexOf('on') === 0) { element.addEventListener(name.substring(2), value); }
      else if (name.indexOf('data-') === 0) { element.setAttribute(name, String(value)); }
      else if (value === true) { element.setAttribute(name, ''); }
      else { element.setAttribute(name, String(value)); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return element;
  }

  function clear(element) {
    while (element.firstChild) { element.removeChild(element.firstChild); }
    return element;
  }

  function ended(status) { return ENDED.indexOf(status) >= 0; }

  function duration(ms) {
    if (ms === null || ms === undefined || isNaN(ms)) { return ''; }
    var negative = ms < 0;
    ms = Math.abs(ms);
    var text;
    if (ms < 1000) { text = Math.round(ms) + ' ms'; }
    else if (ms < 60000) { text = (ms < 10000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)) + ' s'; }
    else if (ms < 3600000) { text = Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s'; }
    else if (ms < 86400000) { text = Math.floor(ms / 3600000) + ' h ' + Math.round((ms % 3600000) / 60000) + ' min'; }
    else { text = Math.floor(ms / 86400000) + ' d ' + Math.round((ms % 86400000) / 3600000) + ' h'; }
    return negative ? '-' + text : text;
  }

  function relative(iso, now) {
    if (!iso) { return ''; }
    var ms = (now || Date.now()) - Date.parse(iso);
    if (Math.abs(ms) < 1000) { return 'just now'; }
    return ms > 0 ? duration(ms).split(' ').slice(0, 2).join(' ') + ' ago'
      : 'in ' + duration(-ms).split(' ').slice(0, 2).join(' ');
  }

  function exact(iso) {
    if (!iso) { return ''; }
    return new Date(iso).toLocaleString() + ' (' + iso + ')';
  }

  // A <time> reading "3 min ago", with the exact time on hover and for screen readers' details.
  function time(iso) {
    if (!iso) { return el('span', { text: '\u2014' }); }
    return el('time', { datetime: iso, title: exact(iso), text: relative(iso) });
  }

  function clock(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : '';
  }

  function statusBadge(status) {
    return el('span', { className: 'badge status-' + status, 'data-status': status, text: status });
  }

  // JSON as a tree: objects and arrays fold (<details>, keyboard-operable), scalars are plain text.
  function jsonTree(value, depth) {
    depth = depth || 0;
    if (value === null || typeof value !== 'object') {
      return el('span', { className: 'json-' + (value === null ? 'null' : typeof value), text: JSON.stringify(value) });
    }
    var isArray = Array.isArray(value);
    var keys = Object.keys(value);
    if (keys.length === 0) { return el('span', { text: isArray ? '[]' : '{}' }); }
    var list = el('ul', { className: 'json' });
    keys.forEach(function (key) {
      list.appendChild(el('li', {}, [isArray ? null : el('span', { className: 'json-key', text: JSON.stringify(key) + ': ' }),
        jsonTree(value[key], depth + 1)]));
    });
    var summary = isArray ? '[' + keys.length + ' item' + (keys.length === 1 ? '' : 's') + ']'
      : '{' + keys.slice(0, 3).join(', ') + (keys.length > 3 ? ', \u2026' : '') + '}';
    return el('details', { className: 'json', open: depth < 2 }, [el('summary', { text: summary }), list]);
  }

  function jsonBlock(value) {
    if (value === undefined) { return el('span', { className: 'muted', text: 'none' }); }
    if (value === '******') {
      return el('span', { className: 'muted', title: 'management.endpoint.workflows.show-values', text: '****** (hidden by the endpoint\u2019s show-values)' });
    }
    return el('div', { className: 'json-block' }, [jsonTree(value)]);
  }

  Durable.format = {
    el: el, clear: clear, ended: ended, duration: duration, relative: relative, exact: exact, time: time,
    clock: clock, statusBadge: statusBadge, jsonBlock: jsonBlock,
    STATUSES: ['PENDING', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED']
  };
}(window.Durable = window.Durable || {}));
