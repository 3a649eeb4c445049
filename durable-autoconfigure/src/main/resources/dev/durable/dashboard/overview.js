// The overview: counts by status and by type, starts and ends per minute over the last hour,
// overdue workflows and the nodes holding running workflows. Refreshes every 10 s while visible.
(function (Durable) {
  'use strict';

  var f = Durable.format;
  var el = f.el;
  var REFRESH_MS = 10000;

  function section() { return document.getElementById('overview'); }

  function statusCards(overview) {
    return el('ul', { className: 'cards', 'aria-label': 'Workflows by status' }, f.STATUSES.map(function (status) {
      return el('li', {}, [el('a', { className: 'card status-' + status, href: Durable.app.listLink({ status: status }),
        'data-status-count': status }, [
        el('span', { className: 'count', text: String(overview.byStatus[status] || 0) }),
        el('span', { className: 'label', text: status.toLowerCase() })])]);
    }));
  }

  function chart(minutes) {
    var ns = 'http://www.w3.org/2000/svg';
    var width = 600;
    var height = 120;
    var max = 1;
    minutes.forEach(function (minute) { max = Math.max(max, minute.started, minute.ended); });
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + (height + 16));
    svg.setAttribute('class', 'chart');
    svg.setAttribute('role', 'img');
    var started = 0;
    var ended = 0;
    minutes.forEach(function (minute) { started += minute.started; ended += minute.ended; });
    svg.setAttribute('aria-label', started + ' workflows started and ' + ended + ' ended in the last hour');
    var slot = width / minutes.length;
    minutes.forEach(function (minute, i) {
      [['started', minute.started, 0], ['ended', minute.ended, slot / 2]].forEach(function (bar) {
        if (!bar[1]) { return; }
        var h = Math.max(2, height * bar[1] / max);
        var rect = document.createElementNS(ns, 'rect');
        rect.setAttribute('x', String(i * slot + bar[2] + 0.5));
        rect.setAttribute('y', String(height - h));
        rect.setAttribute('width', String(slot / 2 - 1));
        rect.setAttribute('height', String(h));
        rect.setAttribute('class', 'bar-' + bar[0]);
        var title = document.createElementNS(ns, 'title');
        title.textContent = f.clock(minute.minute) + ': ' + bar[1] + ' ' + bar[0];
        rect.appendChild(title);
        svg.appendChild(rect);
      });
    });
    [[0, '-60 min'], [width / 2, '-30 min'], [width, 'now']].forEach(function (tick) {
      var text = document.createElementNS(ns, 'text');
      text.setAttribute('x', String(tick[0]));
      text.setAttribute('y', String(height + 13));
      text.setAttribute('text-anchor', tick[0] === 0 ? 'start' : (tick[0] === width ? 'end' : 'middle'));
      text.textContent = tick[1];
      svg.appendChild(text);
    });
    return el('figure', { className: 'panel' }, [
      el('h2', { text: 'Last hour' }),
      el('p', { className: 'legend' }, [el('span', { className: 'key started' }), ' started ' + started + '  ',
        el('span', { className: 'key ended' }), ' ended ' + ended]),
      svg]);
  }

  function typeTable(overview) {
    var head = el('tr', {}, [el('th', { scope: 'col', text: 'Type' }), el('th', { scope: 'col', className: 'num', text: 'Total' })]
      .concat(f.STATUSES.map(function (status) { return el('th', { scope: 'col', className: 'num', text: status.toLowerCase() }); })));
    var rows = overview.byType.map(function (type) {
      return el('tr', { 'data-type': type.type }, [el('th', { scope: 'row' }, [el('a', { href: Durable.app.listLink({ type: type.type }), text: type.type })]),
        el('td', { className: 'num', text: String(type.total) })].concat(f.STATUSES.map(function (status) {
        var count = type.byStatus[status] || 0;
        return el('td', { className: 'num' }, [count ? el('a', { href: Durable.app.listLink({ type: type.type, status: status }), text: String(count) })
          : el('span', { className: 'muted', text: '0' })]);
      })));
    });
    return el('div', { className: 'panel wide' }, [el('h2', { text: 'By type' }),
      rows.length ? el('table', { className: 'grid', id: 'by-type' }, [el('thead', {}, [head]), el('tbody', {}, rows)])
        : el('p', { className: 'muted', text: 'No workflows yet.' })]);
  }

  function overduePanel(overdue) {
    var body = overdue.count === 0 ? el('p', { className: 'muted', text: 'None: every due workflow was taken up within ' + f.duration(isoMs(overdue.after)) + '.' })
      : el('ul', { className: 'plain' }, overdue.workflows.map(function (workflow) {
        return el('li', {}, [el('a', { href: Durable.app.workflowLink(workflow.id), text: workflow.id }), ' ',
          f.statusBadge(workflow.status), ' due ', f.time(workflow.dueAt)]);
      }));
    return el('div', { className: 'panel' + (overdue.count ? ' alert' : ''), id: 'overdue', 'data-count': overdue.count }, [
      el('h2', { text: 'Overdue (' + overdue.count + ')' }), body]);
  }

  function nodesPanel(nodes) {
    var body = nodes.length === 0 ? el('p', { className: 'muted', text: 'No node is running a workflow right now.' })
      : el('table', { className: 'grid', id: 'nodes' }, [el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: 'Node' }),
        el('th', { scope: 'col', className: 'num', text: 'Running' }), el('th', { scope: 'col', text: 'Leases end' })])]),
      el('tbody', {}, nodes.map(function (node) {
        return el('tr', { 'data-owner': node.owner }, [el('td', { text: node.owner }), el('td', { className: 'num', text: String(node.running) }),
          el('td', {}, [f.time(node.earliestLeaseEnd), node.leaseExpired ? el('span', { className: 'badge status-FAILED', text: 'lease expired' }) : null])]);
      }))]);
    return el('div', { className: 'panel' }, [el('h2', { text: 'Nodes' }), body]);
  }

  function isoMs(iso) {
    var match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || '');
    return match ? ((+match[1] || 0) * 3600 + (+match[2] || 0) * 60 + (+match[3] || 0)) * 1000 : NaN;
  }

  function render(overview) {
    var root = f.clear(section());
    root.setAttribute('data-total', overview.total);
    root.appendChild(el('h1', { id: 'overview-title', text: 'Overview' }));
    root.appendChild(el('p', { className: 'muted' }, [overview.total + ' workflows, read ', f.time(overview.at)]));
    root.appendChild(statusCards(overview));
    root.appendChild(el('div', { className: 'panels' }, [chart(overview.throughput), overduePanel(overview.overdue), nodesPanel(overview.nodes)]));
    root.appendChild(typeTable(overview));
  }

  function load() {
    return Durable.api.overview().then(render).catch(function (error) {
      Durable.app.say('Could not read the overview from ' + Durable.api.endpoint + ': ' + error.message, true);
    });
  }

  var reload = Durable.periodic(load, REFRESH_MS);

  Durable.overview = { section: 'overview', show: reload.show, hide: reload.hide };
}(window.Durable = window.Durable || {}));
