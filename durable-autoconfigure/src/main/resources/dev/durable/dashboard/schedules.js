// The schedules: each @DurableScheduled workflow type with its cron, next fire time and last run
// (a link to that workflow's page), read from the schedules actuator endpoint. Pause and resume
// buttons appear only when that endpoint grants its write operations. Refreshes every 10 s.
(function (Durable) {
  'use strict';

  var f = Durable.format;
  var el = f.el;
  var REFRESH_MS = 10000;
  var timer = null;

  function section() { return document.getElementById('schedules'); }

  function nextFire(schedule) {
    if (schedule.paused) {
      return el('td', {}, [el('span', { className: 'badge status-CANCELLED', text: 'paused' })]);
    }
    return el('td', { 'data-next-fire': schedule.nextFireTime }, [f.time(schedule.nextFireTime),
      el('span', { className: 'muted', text: ' ' + f.exact(schedule.nextFireTime) })]);
  }

  function lastRun(schedule) {
    if (!schedule.lastWorkflowId) { return el('td', { className: 'muted', text: 'not yet' }); }
    return el('td', {}, [el('a', { className: 'last-run', href: Durable.app.workflowLink(schedule.lastWorkflowId),
      title: schedule.lastWorkflowId, text: 'fired ' + f.relative(schedule.lastFireTime) })]);
  }

  function act(schedule, button) {
    var action = schedule.paused ? 'resume' : 'pause';
    button.disabled = true;
    Durable.api.scheduleAction(schedule.name, action).then(function () {
      Durable.app.say('Schedule ' + schedule.name + (action === 'pause' ? ' paused.' : ' resumed: it fires again from its next fire time.'));
      return load();
    }).catch(function (error) {
      button.disabled = false;
      Durable.app.say('Could not ' + action + ' schedule ' + schedule.name + ': ' + error.message, true);
    });
  }

  function actionCell(schedule) {
    if (!Durable.api.session().scheduleActions) { return null; }
    var button = el('button', { type: 'button', className: 'secondary schedule-action', 'data-action': schedule.paused ? 'resume' : 'pause',
      'aria-label': (schedule.paused ? 'Resume ' : 'Pause ') + schedule.name, text: schedule.paused ? 'Resume' : 'Pause' });
    button.addEventListener('click', function () { act(schedule, button); });
    return el('td', {}, [button]);
  }

  function row(schedule) {
    return el('tr', { 'data-schedule': schedule.name, 'data-paused': String(schedule.paused) }, [
      el('th', { scope: 'row' }, [el('a', { href: Durable.app.listLink({ type: schedule.name }), text: schedule.name })]),
      el('td', {}, [el('code', { text: schedule.cron }), el('span', { className: 'muted', text: ' ' + schedule.zone })]),
      nextFire(schedule), lastRun(schedule), actionCell(schedule)]);
  }

  function render(list) {
    var root = f.clear(section());
    root.appendChild(el('h1', { id: 'schedules-title', text: 'Schedules' }));
    if (!list.schedules.length) {
      root.appendChild(el('p', { className: 'muted', text: 'No @DurableScheduled workflows in this application.' }));
      return;
    }
    var headings = ['Schedule', 'Cron', 'Next fire time', 'Last run'].concat(Durable.api.session().scheduleActions ? ['Actions'] : []);
    root.appendChild(el('table', { className: 'grid', id: 'schedule-table' }, [
      el('thead', {}, [el('tr', {}, headings.map(function (text) { return el('th', { scope: 'col', text: text }); }))]),
      el('tbody', {}, list.schedules.map(row))]));
  }

  function load() {
    return Durable.api.schedules().then(render).catch(function (error) {
      Durable.app.say('Could not read the schedules from ' + Durable.api.schedulesEndpoint + ': ' + error.message
        + (error.status === 404 ? ' (expose it with management.endpoints.web.exposure.include=schedules)' : ''), true);
    });
  }

  function refresh() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (!document.hidden) { load().then(refresh); } else { refresh(); }
    }, REFRESH_MS);
  }

  Durable.schedules = {
    section: 'schedules',
    show: function () { load().then(refresh); },
    hide: function () { clearTimeout(timer); timer = null; }
  };
}(window.Durable = window.Durable || {}));
