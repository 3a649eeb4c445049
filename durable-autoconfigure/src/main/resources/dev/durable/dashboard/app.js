// The console's hash router: #/ is the overview, #/workflows?status=... the list with its filters,
// #/workflows/<id> a workflow's page (ids with '/' included; each part URL-encoded), #/schedules the
// schedules. Every view has its own URL, so links can be shared and the browser's back button works.
(function (Durable) {
  'use strict';

  var f = Durable.format;
  var current = null;

  function workflowLink(id, view) {
    return '#/workflows/' + id.split('/').map(encodeURIComponent).join('/') + (view ? '?view=' + view : '');
  }

  function listLink(filters) {
    var search = new URLSearchParams();
    Object.keys(filters || {}).forEach(function (key) {
      if (filters[key]) { search.append(key, filters[key]); }
    });
    var text = search.toString();
    return '#/workflows' + (text ? '?' + text : '');
  }

  function parse(hash) {
    var text = hash.replace(/^#/, '') || '/';
    var question = text.indexOf('?');
    var path = question >= 0 ? text.substring(0, question) : text;
    var params = new URLSearchParams(question >= 0 ? text.substring(question + 1) : '');
    var parts = path.split('/').filter(function (part) { return part !== ''; });
    if (parts.length === 0 || parts[0] === 'overview') { return { page: 'overview', params: params }; }
    if (parts[0] === 'schedules') { return { page: 'schedules', params: params }; }
    if (parts[0] === 'workflows' && parts.length === 1) { return { page: 'list', params: params }; }
    if (parts[0] === 'workflows') {
      var id = parts.slice(1).map(function (part) {
        try { return decodeURIComponent(part); } catch (ignored) { return part; }
      }).join('/');
      return { page: 'detail', id: id, params: params };
    }
    return { page: 'overview', params: params };
  }

  var pages = {};

  function say(text, isError) {
    var message = document.getElementById('message');
    message.textContent = text || '';
    message.className = isError ? 'error' : (text ? 'info' : '');
  }

  function route() {
    var target = parse(location.hash);
    Object.keys(pages).forEach(function (name) {
      if (name !== target.page) {
        pages[name].hide();
        document.getElementById(pages[name].section).hidden = true;
      }
    });
    document.querySelectorAll('[data-nav]').forEach(function (link) {
      var active = link.getAttribute('data-nav') === (target.page === 'list' || target.page === 'detail' ? 'workflows' : target.page);
      if (active) { link.setAttribute('aria-current', 'page'); } else { link.removeAttribute('aria-current'); }
    });
    if (current !== target.page) { say(''); }
    current = target.page;
    var page = pages[target.page];
    document.getElementById(page.section).hidden = false;
    page.show(target);
  }

  Durable.app = { workflowLink: workflowLink, listLink: listLink, say: say, navigate: function (hash) { location.hash = hash; } };

  document.addEventListener('DOMContentLoaded', function () {
    pages.overview = Durable.overview;
    pages.list = Durable.list;
    pages.detail = Durable.workflow;
    pages.schedules = Durable.schedules;
    document.getElementById('jump').addEventListener('submit', function (event) {
      event.preventDefault();
      var text = document.getElementById('jump-id').value.trim();
      if (!text) { return; }
      // An exact id opens its page; anything else lists the workflows whose id starts with it.
      Durable.api.workflow(text).then(function () {
        location.hash = workflowLink(text);
      }).catch(function () {
        location.hash = listLink({ idPrefix: text });
      });
    });
    window.addEventListener('hashchange', route);
    Durable.api.loadSession().then(route);
  });
}(window.Durable = window.Durable || {}));
