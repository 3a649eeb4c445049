// The workflows and schedules actuator endpoints as the console calls them. ?endpoint=/manage/workflows
// on the page's URL points it at another base path or port; the schedules endpoint is its sibling.
(function (Durable) {
  'use strict';

  var endpoint = new URLSearchParams(location.search).get('endpoint') || '/actuator/workflows';
  var schedulesEndpoint = endpoint.replace(/\/workflows\/?$/, '') + '/schedules';
  // From /durable/session: whether each endpoint grants writes, and Spring Security's CSRF token.
  var session = { actions: false, scheduleActions: false, csrf: null };

  // Child workflow ids contain '/': the endpoint takes the id as the rest of the path.
  function workflowPath(id) {
    return '/' + id.split('/').map(encodeURIComponent).join('/');
  }

  function request(method, path, body) {
    return call(endpoint + path, method, body);
  }

  function call(url, method, body) {
    var options = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (method !== 'GET' && session.csrf) {
      options.headers[session.csrf.headerName] = session.csrf.token;
    }
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (ignored) { json = null; }
        if (!response.ok) {
          var error = new Error((json && json.message) ? json.message : (response.status + ' ' + response.statusText));
          error.status = response.status;
          throw error;
        }
        return json;
      });
    });
  }

  function query(params) {
    var search = new URLSearchParams();
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      if (value !== null && value !== undefined && String(value).trim() !== '') { search.append(key, String(value).trim()); }
    });
    var text = search.toString();
    return text ? '?' + text : '';
  }

  Durable.api = {
    endpoint: endpoint,
    schedulesEndpoint: schedulesEndpoint,
    session: function () { return session; },
    loadSession: function () {
      return fetch('session', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; })
        .then(function (json) { if (json) { session = json; } return session; });
    },
    overview: function () { return request('GET', '?view=overview'); },
    list: function (filters, cursor, limit) {
      var params = Object.assign({}, filters, { cursor: cursor, limit: limit || 50 });
      return request('GET', query(params));
    },
    workflow: function (id) { return request('GET', workflowPath(id)); },
    signal: function (id, name, payload) {
      var body = { name: name };
      if (payload !== undefined) { body.payload = payload; }
      return request('POST', workflowPath(id) + '/signal', body);
    },
    cancel: function (id) { return request('DELETE', workflowPath(id)); },
    retry: function (id) { return request('POST', workflowPath(id) + '/retry', {}); },
    schedules: function () { return call(schedulesEndpoint, 'GET'); },
    scheduleAction: function (name, action) {
      return call(schedulesEndpoint + '/' + encodeURIComponent(name) + '/' + action, 'POST', {});
    }
  };
}(window.Durable = window.Durable || {}));
