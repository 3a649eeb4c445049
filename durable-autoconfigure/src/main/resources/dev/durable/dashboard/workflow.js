// A workflow's page: status, facts, input and result, error with its cause, published values, the
// timeline and the raw journal; signal, cancel and retry where the endpoint grants them. While the
// workflow has not ended the page polls every 2 s, and stops while the tab is hidden.
(function (Durable) {
  'use strict';

  var f = Durable.format;
  var el = f.el;
  var POLL_MS = 2000;
  var page = { id: null, view: 'timeline', workflow: null, timer: null, io: null };

  function section() { return document.getElementById('detail'); }
  function $(id) { return document.getElementById(id); }

  function skeleton(id) {
    var root = f.clear(section());
    root.setAttribute('data-workflow-id', id);
    // Set again once this workflow is read: until then the page must not claim the last one's status.
    root.removeAttribute('data-status');
    root.appendChild(el('nav', { className: 'crumbs', 'aria-label': 'Breadcrumb', id: 'crumbs' }));
    root.appendChild(el('h1', { id: 'detail-title' }));
    root.appendChild(el('dl', { className: 'facts', id: 'facts' }));
    root.appendChild(el('div', { id: 'detail-error', role: 'alert' }));
    root.appendChild(actions(id));
    root.appendChild(el('div', { className: 'io', id: 'io' }));
    root.appendChild(el('table', { id: 'published', className: 'grid', hidden: true }, [
      el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: 'Published event' }), el('th', { scope: 'col', text: 'Latest value' })])]),
      el('tbody')]));
    var link = Durable.app.workflowLink;
    root.appendChild(el('div', { className: 'tabs', role: 'tablist', 'aria-label': 'Views' }, [
      el('a', { role: 'tab', id: 'tab-timeline', href: link(id), 'aria-selected': String(page.view === 'timeline'), text: 'Timeline' }),
      el('a', { role: 'tab', id: 'tab-journal', href: link(id, 'journal'), 'aria-selected': String(page.view === 'journal'), text: 'Journal' })]));
    root.appendChild(el('div', { id: 'timeline', className: 'timeline', role: 'tabpanel', 'aria-labelledby': 'tab-timeline', hidden: page.view !== 'timeline' }));
    root.appendChild(el('div', { id: 'journal', role: 'tabpanel', 'aria-labelledby': 'tab-journal', hidden: page.view !== 'journal' }, [
      el('table', { id: 'events', className: 'grid' }, [el('thead', {}, [el('tr', {}, ['Seq', 'Step', 'Event', 'Name', 'Attempt', 'Output / error', 'Began', 'Recorded'].map(function (name) {
        return el('th', { scope: 'col', text: name });
      }))]), el('tbody')])]));
  }

  // The signal editor and the buttons, built once per page so that polling never wipes what is typed.
  function actions(id) {
    if (!Durable.api.session().actions) { return el('div', { id: 'actions', hidden: true }); }
    var payload = el('textarea', { id: 'signal-payload', rows: '3', spellcheck: 'false', placeholder: '{"approved": true}',
      'aria-describedby': 'payload-status' });
    var send = el('button', { id: 'signal', type: 'submit', text: 'Send signal' });
    var status = el('span', { id: 'payload-status', className: 'muted', text: 'Empty: sends null.' });
    function validate() {
      var text = payload.value.trim();
      var problem = null;
      if (text !== '') {
        try { JSON.parse(text); } catch (error) { problem = error.message; }
      }
      payload.setAttribute('aria-invalid', problem ? 'true' : 'false');
      status.textContent = problem ? 'Not JSON: ' + problem : (text === '' ? 'Empty: sends null.' : 'Valid JSON.');
      status.className = problem ? 'invalid' : 'muted';
      send.disabled = !!problem;
      return !problem;
    }
    payload.addEventListener('input', validate);
    var format = el('button', { type: 'button', className: 'secondary', text: 'Format', onclick: function () {
      if (validate() && payload.value.trim()) { payload.value = JSON.stringify(JSON.parse(payload.value), null, 2); }
    } });
    var form = el('form', { id: 'signal-form', className: 'signal', 'aria-label': 'Send a signal' }, [
      el('label', {}, [el('span', { text: 'Signal name' }), el('input', { id: 'signal-name', required: true, placeholder: 'approval', autocomplete: 'off' })]),
      el('label', { className: 'payload' }, [el('span', { text: 'Payload (JSON)' }), payload]),
      el('div', { className: 'buttons' }, [format, send, status])]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!validate()) { payload.focus(); return; }
      var name = $('signal-name').value.trim();
      var text = payload.value.trim();
      act(Durable.api.signal(id, name, text === '' ? undefined : text), 'Signalled workflow ' + id);
    });
    var cancel = el('button', { id: 'cancel', type: 'button', className: 'danger', text: 'Cancel workflow', onclick: function () {
      confirm('Cancel ' + id + '?', 'The workflow sees the cancellation at its next durable call, may compensate, and ends CANCELLED.', 'Cancel workflow', function () {
        act(Durable.api.cancel(id), 'Cancellation requested for workflow ' + id);
      });
    } });
    var retry = el('button', { id: 'retry', type: 'button', text: 'Retry', onclick: function () {
      confirm('Retry ' + id + '?', 'It runs again from where it stopped: recorded steps are replayed, not run again.', 'Retry', function () {
        act(Durable.api.retry(id), 'Retrying workflow ' + id);
      });
    } });
    return el('div', { id: 'actions', className: 'panel actions' }, [el('h2', { className: 'visually-hidden', text: 'Actions' }), form,
      el('div', { className: 'buttons' }, [retry, cancel])]);
  }

  function confirm(title, text, label, then) {
    var dialog = $('confirm');
    $('confirm-title').textContent = title;
    $('confirm-text').textContent = text;
    $('confirm-ok').textContent = label;
    dialog.returnValue = '';
    dialog.addEventListener('close', function handler() {
      dialog.removeEventListener('close', handler);
      if (dialog.returnValue === 'ok') { then(); }
    });
    dialog.showModal();
    $('confirm-no').focus();
  }

  function act(promise, done) {
    promise.then(function (result) {
      Durable.app.say(done + ' (now ' + result.status + ')');
      return refresh();
    }).catch(function (error) { Durable.app.say(error.message, true); });
  }

  function fact(name, value) {
    return [el('dt', { text: name }), el('dd', {}, [value])];
  }

  function renderHead(workflow) {
    var root = section();
    root.setAttribute('data-status', workflow.status);
    var crumbs = f.clear($('crumbs'));
    crumbs.appendChild(el('a', { href: '#/workflows', text: 'Workflows' }));
    if (workflow.parentId) {
      crumbs.appendChild(document.createTextNode(' / '));
      crumbs.appendChild(el('a', { id: 'parent-link', href: Durable.app.workflowLink(workflow.parentId), text: 'parent ' + workflow.parentId }));
    }
    var title = f.clear($('detail-title'));
    title.appendChild(el('span', { className: 'id', text: workflow.id }));
    title.appendChild(document.createTextNode(' '));
    title.appendChild(f.statusBadge(workflow.status));
    var end = f.ended(workflow.status) ? Date.parse(workflow.updatedAt) : Date.now();
    var facts = f.clear($('facts'));
    [fact('Type', el('span', { text: workflow.type })),
      fact('Node', el('span', { text: workflow.owner || '\u2014' })),
      fact('Created', f.time(workflow.createdAt)),
      fact(f.ended(workflow.status) ? 'Ended' : 'Updated', f.time(workflow.updatedAt)),
      fact(f.ended(workflow.status) ? 'Took' : 'Running for', el('span', { text: f.duration(end - Date.parse(workflow.createdAt)) })),
      workflow.dueAt ? fact(workflow.status === 'RUNNING' ? 'Lease ends' : 'Wakes up', f.time(workflow.dueAt)) : null,
      workflow.cancelRequested ? fact('Cancellation', el('span', { text: 'requested' })) : null]
      .forEach(function (pair) { if (pair) { facts.appendChild(el('div', {}, pair)); } });
    var error = f.clear($('detail-error'));
    error.className = workflow.error ? 'error-box' : '';
    if (workflow.error) {
      error.appendChild(el('strong', { text: 'Error: ' }));
      error.appendChild(el('code', { text: workflow.error }));
      var cause = null;
      workflow.events.forEach(function (event) {
        if ((event.type === 'ACTIVITY_FAILED' || event.type === 'CHILD_FAILED') && event.error) { cause = event; }
      });
      if (cause) {
        error.appendChild(el('p', {}, ['Caused by step ' + cause.step + ' (' + cause.name + ', ' + cause.type.toLowerCase().replace(/_/g, ' ') + '): ',
          el('code', { text: cause.error })]));
      }
    }
    var actionsPanel = $('actions');
    if (Durable.api.session().actions) {
      var live = !f.ended(workflow.status);
      actionsPanel.hidden = !(live || workflow.status === 'FAILED');
      $('signal-form').hidden = !live;
      $('cancel').hidden = !live;
      $('retry').hidden = workflow.status !== 'FAILED';
    }
  }

  function renderIo(workflow) {
    var key = JSON.stringify([workflow.input, workflow.result]);
    if (page.io === key) { return; }
    page.io = key;
    var io = f.clear($('io'));
    io.appendChild(el('div', { className: 'panel' }, [el('h2', { text: 'Input' }), f.jsonBlock(workflow.input)]));
    io.appendChild(el('div', { className: 'panel', id: 'result' }, [el('h2', { text: 'Result' }),
      workflow.status === 'COMPLETED' ? f.jsonBlock(workflow.result) : el('span', { className: 'muted', text: f.ended(workflow.status) ? 'none' : 'not yet' })]));
  }

  function renderPublished(workflow) {
    var body = f.clear($('published').tBodies[0]);
    Object.keys(workflow.published || {}).forEach(function (key) {
      body.appendChild(el('tr', { 'data-event-key': key }, [el('td', { text: key }), el('td', {}, [el('pre', { text: JSON.stringify(workflow.published[key]) })])]));
    });
    $('published').hidden = body.rows.length === 0;
  }

  function renderJournal(workflow) {
    var body = f.clear(document.querySelector('#events tbody'));
    workflow.events.forEach(function (event) {
      body.appendChild(el('tr', { 'data-event-type': event.type }, [
        el('td', { text: String(event.seq) }), el('td', { text: event.step ? String(event.step) : '' }),
        el('td', { text: event.type }), el('td', { text: event.name }), el('td', { text: event.attempt ? String(event.attempt) : '' }),
        el('td', {}, [el('pre', { text: event.error || Durable.timeline.text(event.output) })]),
        el('td', {}, event.startedAt ? [f.time(event.startedAt)] : []), el('td', {}, [f.time(event.timestamp)])]));
    });
  }

  function render(workflow) {
    page.workflow = workflow;
    renderHead(workflow);
    renderIo(workflow);
    renderPublished(workflow);
    if (page.view === 'journal') { renderJournal(workflow); }
    else { Durable.timeline.render(workflow, $('timeline'), Date.now()); }
  }

  function refresh() {
    var id = page.id;
    return Durable.api.workflow(id).then(function (workflow) {
      if (page.id !== id) { return; }
      if (!workflow) { throw Object.assign(new Error('no workflow has this id'), { status: 404 }); }
      render(workflow);
    }).catch(function (error) {
      if (page.id !== id) { return; }
      Durable.app.say('Could not show workflow ' + id + ': ' + (error.status === 404 ? 'no workflow has this id' : error.message), true);
    });
  }

  function poll() {
    clearTimeout(page.timer);
    page.timer = setTimeout(function () {
      if (page.workflow && f.ended(page.workflow.status)) { page.timer = null; return; }
      if (document.hidden) { poll(); return; }
      refresh().then(poll);
    }, POLL_MS);
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && page.id && page.timer && page.workflow && !f.ended(page.workflow.status)) { refresh(); }
  });

  Durable.workflow = {
    section: 'detail',
    show: function (target) {
      var view = target.params.get('view') === 'journal' ? 'journal' : 'timeline';
      if (page.id !== target.id || page.view !== view) {
        page.id = target.id;
        page.view = view;
        page.workflow = null;
        page.io = null;
        skeleton(target.id);
        document.title = target.id + ' \u2014 Durable workflows';
      }
      refresh().then(poll);
    },
    hide: function () {
      clearTimeout(page.timer);
      page.timer = null;
      page.id = null;
      document.title = 'Durable workflows';
    }
  };
}(window.Durable = window.Durable || {}));
