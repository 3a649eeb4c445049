// The Durable dashboard: a view of the workflows actuator endpoint. Every value from the server
// is written with textContent, never as HTML. ?endpoint=/manage/workflows points it elsewhere.
(function () {
  'use strict';

  var endpoint = new URLSearchParams(location.search).get('endpoint') || '/actuator/workflows';
  var selected = null;
  // From /durable/session: whether the endpoint grants writes, and Spring Security's CSRF token.
  var session = { actions: false, csrf: null };

  function $(id) { return document.getElementById(id); }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = (text === null || text === undefined) ? '' : String(text);
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function say(text, isError) {
    var message = $('message');
    message.textContent = text || '';
    message.className = isError ? 'error' : '';
  }

  // Child workflow ids contain '/': the endpoint takes the id as the rest of the path.
  function workflowPath(id) {
    return '/' + id.split('/').map(encodeURIComponent).join('/');
  }

  function request(method, path, body) {
    var options = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (method !== 'GET' && session.csrf) {
      options.headers[session.csrf.headerName] = session.csrf.token;
    }
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(endpoint + path, options).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (ignored) { json = null; }
        if (!response.ok) {
          var reason = (json && json.message) ? json.message : (response.status + ' ' + response.statusText);
          throw new Error(reason);
        }
        return json;
      });
    });
  }

  function list() {
    var query = new URLSearchParams();
    new FormData($('filters')).forEach(function (value, key) {
      if (String(value).trim() !== '') { query.append(key, String(value).trim()); }
    });
    return request('GET', '?' + query.toString()).then(function (json) {
      var body = $('workflows').tBodies[0];
      body.textContent = '';
      json.workflows.forEach(function (workflow) {
        var row = document.createElement('tr');
        row.className = 'workflow';
        row.dataset.workflowId = workflow.id;
        row.dataset.status = workflow.status;
        cell(row, workflow.id);
        cell(row, workflow.type);
        cell(row, workflow.status, 'status ' + workflow.status);
        cell(row, workflow.createdAt);
        cell(row, workflow.updatedAt);
        row.addEventListener('click', function () { show(workflow.id); });
        body.appendChild(row);
      });
      say(json.workflows.length + ' workflow(s)');
    }).catch(function (error) { say('Could not list workflows from ' + endpoint + ': ' + error.message, true); });
  }

  function show(id) {
    selected = id;
    return request('GET', workflowPath(id)).then(function (workflow) {
      $('detail').hidden = false;
      $('detail').dataset.workflowId = workflow.id;
      $('detail').dataset.status = workflow.status;
      $('detail-title').textContent = workflow.id + ' \u2014 ' + workflow.type + ' \u2014 ' + workflow.status;
      $('detail-error').textContent = workflow.error || '';
      var published = $('published').tBodies[0];
      published.textContent = '';
      Object.keys(workflow.published || {}).forEach(function (key) {
        var row = document.createElement('tr');
        row.dataset.eventKey = key;
        cell(row, key);
        var value = document.createElement('pre');
        value.textContent = JSON.stringify(workflow.published[key]);
        cell(row, '').appendChild(value);
        published.appendChild(row);
      });
      $('published').hidden = published.rows.length === 0;
      var body = $('events').tBodies[0];
      body.textContent = '';
      workflow.events.forEach(function (event) {
        var row = document.createElement('tr');
        row.dataset.eventType = event.type;
        cell(row, event.seq);
        cell(row, event.type);
        cell(row, event.name);
        cell(row, event.attempt || '');
        var pre = document.createElement('pre');
        pre.textContent = event.error || ((event.output === null || event.output === undefined) ? '' : JSON.stringify(event.output));
        cell(row, '').appendChild(pre);
        cell(row, event.timestamp);
        body.appendChild(row);
      });
    }).catch(function (error) { say('Could not show workflow ' + id + ': ' + error.message, true); });
  }

  function act(method, path, body, done) {
    if (!selected) { return; }
    var id = selected;
    request(method, workflowPath(id) + path, body).then(function (result) {
      // Refresh first: list() reports its count, which would hide the confirmation.
      return list().then(function () { return show(id); }).then(function () {
        say(done + ' workflow ' + id + ' (now ' + result.status + ')');
      });
    }).catch(function (error) { say(error.message, true); });
  }

  $('filters').addEventListener('submit', function (event) { event.preventDefault(); list(); });
  $('signal').addEventListener('click', function () {
    var payload = $('signal-payload').value.trim();
    var body = { name: $('signal-name').value.trim() };
    if (payload !== '') { body.payload = payload; }
    act('POST', '/signal', body, 'Signalled');
  });
  $('cancel').addEventListener('click', function () { act('DELETE', '', undefined, 'Cancellation requested for'); });
  $('retry').addEventListener('click', function () { act('POST', '/retry', {}, 'Retrying'); });

  function loadSession() {
    return fetch('session', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; })
      .then(function (json) {
        if (json) { session = json; }
        // Actions appear only where the endpoint grants them (management.endpoint.workflows.access).
        $('actions').hidden = !session.actions;
      });
  }

  loadSession().then(list);
}());
