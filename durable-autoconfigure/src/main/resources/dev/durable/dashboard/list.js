// The workflow list: search by id prefix, type, status and creation time; the filters live in the
// URL (#/workflows?idPrefix=order-&status=FAILED), pages follow the endpoint's keyset cursor.
(function (Durable) {
  'use strict';

  var f = Durable.format;
  var el = f.el;
  var PAGE = 50;
  var FILTERS = ['idPrefix', 'type', 'status', 'createdAfter', 'createdBefore'];
  var state = { filters: {}, next: null, shown: 0 };

  function section() { return document.getElementById('list'); }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function toLocalInput(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return ''; }
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function fromLocalInput(value) {
    if (!value) { return ''; }
    var d = new Date(value);
    return isNaN(d.getTime()) ? '' : d.toISOString();
  }

  function field(label, input) {
    return el('label', {}, [el('span', { text: label }), input]);
  }

  function form(filters) {
    var status = el('select', { name: 'status' }, [el('option', { value: '', text: 'any' })].concat(f.STATUSES.map(function (s) {
      return el('option', { value: s, text: s.toLowerCase(), selected: filters.status === s });
    })));
    var search = el('form', { id: 'filters', className: 'filters', role: 'search', 'aria-label': 'Filter workflows' }, [
      field('Id starts with', el('input', { name: 'idPrefix', value: filters.idPrefix || '', placeholder: 'order-42', autocomplete: 'off' })),
      field('Type', el('input', { name: 'type', value: filters.type || '', placeholder: 'OrderWorkflow.process' })),
      field('Status', status),
      field('Created after', el('input', { name: 'createdAfter', type: 'datetime-local', value: toLocalInput(filters.createdAfter) })),
      field('Created before', el('input', { name: 'createdBefore', type: 'datetime-local', value: toLocalInput(filters.createdBefore) })),
      el('button', { type: 'submit', text: 'Search' }),
      el('a', { href: '#/workflows', className: 'button secondary', text: 'Clear' })]);
    search.addEventListener('submit', function (event) {
      event.preventDefault();
      var data = new FormData(search);
      var next = {};
      FILTERS.forEach(function (key) {
        var value = String(data.get(key) || '').trim();
        next[key] = (key === 'createdAfter' || key === 'createdBefore') ? fromLocalInput(value) : value;
      });
      var target = Durable.app.listLink(next);
      // Searching again for the same filters still refreshes the list.
      if (location.hash === target) { load(true); } else { location.hash = target; }
    });
    return search;
  }

  function row(workflow) {
    var end = f.ended(workflow.status) ? Date.parse(workflow.updatedAt) : Date.now();
    return el('tr', { className: 'workflow', 'data-workflow-id': workflow.id, 'data-status': workflow.status }, [
      el('td', {}, [el('a', { href: Durable.app.workflowLink(workflow.id), text: workflow.id })]),
      el('td', { text: workflow.type }),
      el('td', {}, [f.statusBadge(workflow.status)]),
      el('td', {}, [f.time(workflow.createdAt)]),
      el('td', {}, [f.time(workflow.updatedAt)]),
      el('td', { className: 'num', title: f.ended(workflow.status) ? 'created to end' : 'running for', text: f.duration(end - Date.parse(workflow.createdAt)) })]);
  }

  function render() {
    var root = f.clear(section());
    root.appendChild(el('h1', { id: 'list-title', text: 'Workflows' }));
    root.appendChild(form(state.filters));
    root.appendChild(el('p', { id: 'exact' }));
    root.appendChild(el('table', { id: 'workflows', className: 'grid' }, [
      el('caption', { className: 'visually-hidden', text: 'Workflows, newest first' }),
      el('thead', {}, [el('tr', {}, ['Id', 'Type', 'Status', 'Created', 'Updated', 'Duration'].map(function (name) {
        return el('th', { scope: 'col', text: name });
      }))]), el('tbody')]));
    root.appendChild(el('p', { className: 'more' }, [el('span', { id: 'list-count' }),
      el('button', { id: 'more', type: 'button', hidden: true, onclick: function () { load(false); }, text: 'Show older' })]));
  }

  function load(fresh) {
    if (fresh) { state.next = null; state.shown = 0; }
    var cursor = state.next;
    return Durable.api.list(state.filters, cursor, PAGE).then(function (page) {
      var body = document.querySelector('#workflows tbody');
      if (!cursor) { f.clear(body); }
      page.workflows.forEach(function (workflow) { body.appendChild(row(workflow)); });
      state.shown += page.workflows.length;
      state.next = page.next;
      document.getElementById('more').hidden = !page.next;
      document.getElementById('list-count').textContent = state.shown === 0 ? 'No workflow matches.'
        : state.shown + ' workflow' + (state.shown === 1 ? '' : 's') + (page.next ? ', newest first; more below.' : ', newest first.');
    }).catch(function (error) {
      Durable.app.say('Could not list workflows from ' + Durable.api.endpoint + ': ' + error.message, true);
    });
  }

  function exactMatch(prefix) {
    if (!prefix) { return; }
    Durable.api.workflow(prefix).then(function (workflow) {
      var slot = document.getElementById('exact');
      if (slot) {
        f.clear(slot).appendChild(el('span', {}, ['Exact match: ', el('a', { href: Durable.app.workflowLink(workflow.id), text: workflow.id }), ' ', f.statusBadge(workflow.status)]));
      }
    }).catch(function () { /* no workflow has exactly this id */ });
  }

  Durable.list = {
    section: 'list',
    show: function (target) {
      state.filters = {};
      FILTERS.forEach(function (key) { state.filters[key] = target.params.get(key) || ''; });
      render();
      exactMatch(state.filters.idPrefix);
      load(true);
    },
    hide: function () { }
  };
}(window.Durable = window.Durable || {}));
