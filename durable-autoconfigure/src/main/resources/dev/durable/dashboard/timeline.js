// A workflow's timeline, built from its journal: one bar per step from when it began to when it
// ended, retries folded into their step, timers and signal waits as spans up to what they wait
// for, children as links. Bars are placed by time, so steps that ran at once (futures) overlap.
(function (Durable) {
  'use strict';

  var f = Durable.format;
  var el = f.el;

  var KINDS = {
    ACTIVITY_COMPLETED: 'activity', ACTIVITY_ATTEMPT_FAILED: 'activity', ACTIVITY_FAILED: 'activity',
    TIMER_STARTED: 'timer',
    SIGNAL_WAIT_STARTED: 'signal', SIGNAL_RECEIVED: 'signal', SIGNAL_REJECTED: 'signal', SIGNAL_TIMED_OUT: 'signal',
    CHILD_STARTED: 'child', CHILD_COMPLETED: 'child', CHILD_FAILED: 'child',
    SIDE_EFFECT: 'mark', VERSION_MARKER: 'mark', EVENT_PUBLISHED: 'mark', CANCELLATION_DELIVERED: 'mark'
  };
  var FINAL = {
    ACTIVITY_COMPLETED: 'done', ACTIVITY_FAILED: 'failed', SIGNAL_RECEIVED: 'done', SIGNAL_TIMED_OUT: 'timed-out',
    CHILD_COMPLETED: 'done', CHILD_FAILED: 'failed'
  };

  function at(iso) { return iso ? Date.parse(iso) : NaN; }

  function text(value) {
    if (value === null || value === undefined) { return ''; }
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  // Steps in the order they began, each with begin, end and what it waited for.
  function build(workflow, now) {
    var events = workflow.events.slice().sort(function (a, b) { return a.seq - b.seq; });
    var byStep = {};
    var steps = [];
    var lastTime = at(workflow.createdAt);
    var frontier = lastTime;
    events.forEach(function (event) {
      var time = at(event.timestamp);
      if (event.step === 0) { lastTime = time; return; }
      var step = byStep[event.step];
      if (!step) {
        var kind = KINDS[event.type] || 'mark';
        // The journal says when an activity's attempt or a child began (startedAt), so futures that
        // ran at once overlap. Events recorded before it did: the step began once the workflow got
        // past the step before it.
        var begin = (kind === 'activity' || kind === 'mark') ? Math.max(lastTime, frontier) : time;
        step = { step: event.step, kind: kind, name: event.name, begin: Math.min(begin, time), end: null, events: [],
          failures: [], outcome: null, until: null, attempts: 0 };
        byStep[event.step] = step;
        steps.push(step);
      }
      step.events.push(event);
      var began = at(event.startedAt);
      if (!isNaN(began) && (step.events.length === 1 || began < step.begin)) { step.begin = began; }
      apply(step, event, time, workflow);
      lastTime = time;
      if (step.end !== null) { frontier = Math.max(frontier, step.end); }
    });
    // Steps that ran at once (futures) are listed in the order they began, then by step number.
    steps.sort(function (a, b) { return (a.begin - b.begin) || (a.step - b.step); });
    var finished = f.ended(workflow.status);
    var stop = finished ? at(workflow.updatedAt) : now;
    steps.forEach(function (step) {
      if (step.end === null) {
        step.open = true;
        step.end = Math.max(step.begin, stop);
        if (!step.outcome) { step.outcome = finished ? 'stopped' : 'pending'; }
      }
    });
    return steps;
  }

  function apply(step, event, time, workflow) {
    switch (event.type) {
      case 'ACTIVITY_ATTEMPT_FAILED':
        step.failures.push({ attempt: event.attempt, at: time, error: event.error, next: at(event.until) });
        step.attempts = Math.max(step.attempts, event.attempt + 1);
        step.until = at(event.until);
        break;
      case 'ACTIVITY_COMPLETED':
      case 'ACTIVITY_FAILED':
        step.attempts = Math.max(step.attempts, event.attempt || 1);
        step.until = null;
        finish(step, event, time);
        break;
      case 'TIMER_STARTED':
        step.begin = time;
        step.until = at(event.until);
        step.outcome = 'waiting';
        if (!isNaN(step.until) && (step.until <= Date.now() || f.ended(workflow.status))) {
          step.end = Math.min(step.until, f.ended(workflow.status) ? at(workflow.updatedAt) : step.until);
          step.outcome = 'done';
        }
        break;
      case 'SIGNAL_WAIT_STARTED':
        step.begin = time;
        step.until = at(event.until);
        step.outcome = 'waiting';
        break;
      case 'SIGNAL_REJECTED':
        step.failures.push({ at: time, error: event.error });
        break;
      case 'CHILD_STARTED':
        step.begin = time;
        step.child = (typeof event.output === 'string' && event.output.indexOf('*') !== 0) ? event.output : workflow.id + '/' + event.step;
        step.outcome = 'running';
        break;
      default:
        if (FINAL[event.type]) { finish(step, event, time); }
        else { step.end = time; step.outcome = 'done'; step.value = event.output; }
    }
  }

  function finish(step, event, time) {
    step.end = time;
    step.outcome = FINAL[event.type];
    step.error = event.error;
    step.value = event.output;
  }

  function describe(step) {
    switch (step.kind) {
      case 'timer':
        return 'timer, fires ' + (isNaN(step.until) ? '' : f.relative(new Date(step.until).toISOString()));
      case 'signal':
        if (step.outcome === 'done') { return 'signal \u2018' + step.name + '\u2019 received'; }
        if (step.outcome === 'timed-out') { return 'no signal \u2018' + step.name + '\u2019 in time'; }
        return 'waits for signal \u2018' + step.name + '\u2019' + (step.until && !isNaN(step.until)
          ? ' until ' + f.clock(new Date(step.until).toISOString()) : ', no deadline');
      case 'child':
        return 'child workflow';
      case 'mark':
        return step.events[0].type.toLowerCase().replace(/_/g, ' ');
      default:
        return 'activity';
    }
  }

  function attemptsDetail(step, open) {
    if (step.failures.length === 0) { return null; }
    var items = step.failures.map(function (failure) {
      var iso = new Date(failure.at).toISOString();
      return el('li', { 'data-attempt': failure.attempt || '' }, [
        el('strong', { text: failure.attempt ? 'Attempt ' + failure.attempt + ' failed ' : 'Rejected ' }),
        el('time', { datetime: iso, title: f.exact(iso), text: f.clock(iso) }), ': ',
        el('code', { text: failure.error || '' }),
        (failure.next && !isNaN(failure.next)) ? el('span', { className: 'muted', text: ' \u2014 next attempt ' + f.clock(new Date(failure.next).toISOString())
          + ' (' + f.duration(failure.next - failure.at) + ' later)' }) : null]);
    });
    var label = step.kind === 'activity' ? step.attempts + ' attempts' : step.failures.length + ' rejected';
    return el('details', { className: 'attempts', open: open }, [el('summary', { text: label + ': show errors' }), el('ol', {}, items)]);
  }

  function render(workflow, container, now) {
    var open = {};
    container.querySelectorAll('li.step details[open]').forEach(function (details) {
      open[details.closest('li.step').getAttribute('data-step')] = true;
    });
    f.clear(container);
    var steps = build(workflow, now);
    var from = at(workflow.createdAt);
    var to = f.ended(workflow.status) ? at(workflow.updatedAt) : now;
    steps.forEach(function (step) { to = Math.max(to, step.end); });
    var span = Math.max(1, to - from);
    container.appendChild(el('div', { className: 'axis', 'aria-hidden': 'true' }, [el('span', { text: f.clock(workflow.createdAt) }),
      el('span', { text: f.duration(span) + ' \u2192' }), el('span', { text: f.clock(new Date(to).toISOString()) })]));
    if (steps.length === 0) {
      container.appendChild(el('p', { className: 'muted', text: 'No step recorded yet.' }));
      return;
    }
    var list = el('ol', { className: 'steps', 'aria-label': 'Steps' });
    steps.forEach(function (step) {
      var bar = el('span', { className: 'bar outcome-' + step.outcome + (step.open ? ' open' : ''),
        title: f.exact(new Date(step.begin).toISOString()) + ' \u2192 ' + (step.open ? 'now' : f.exact(new Date(step.end).toISOString())) });
      bar.style.left = ((step.begin - from) / span * 100).toFixed(3) + '%';
      bar.style.width = Math.max(0.4, (step.end - step.begin) / span * 100).toFixed(3) + '%';
      var track = el('div', { className: 'track' }, [bar]);
      // Each failed attempt is a tick where it ended, so a retry storm reads as one bar with ticks.
      step.failures.forEach(function (failure) {
        var tick = el('span', { className: 'tick', title: (failure.attempt ? 'attempt ' + failure.attempt + ' failed ' : 'rejected ') + f.exact(new Date(failure.at).toISOString()) });
        tick.style.left = ((failure.at - from) / span * 100).toFixed(3) + '%';
        track.appendChild(tick);
      });
      var head = el('div', { className: 'step-head' }, [
        el('span', { className: 'step-no', text: '#' + step.step }),
        el('span', { className: 'step-name', text: step.name }),
        el('span', { className: 'step-kind muted', text: describe(step) }),
        step.attempts > 1 ? el('span', { className: 'badge attempts-badge', text: step.attempts + ' attempts' }) : null,
        el('span', { className: 'badge outcome-' + step.outcome, text: step.outcome }),
        el('span', { className: 'step-duration', text: step.kind === 'mark' ? f.clock(new Date(step.end).toISOString()) : f.duration(step.end - step.begin) + (step.open ? ' so far' : '') })]);
      var extra = [];
      if (step.open && step.kind === 'activity' && step.until && !isNaN(step.until)) {
        extra.push(el('p', { className: 'next-attempt', text: 'Next attempt ' + f.relative(new Date(step.until).toISOString()) + ' (' + f.clock(new Date(step.until).toISOString()) + ')' }));
      }
      if (step.child) {
        extra.push(el('p', {}, ['Child: ', el('a', { className: 'child-link', href: Durable.app.workflowLink(step.child), text: step.child })]));
      }
      if (step.error && step.outcome !== 'done') { extra.push(el('p', { className: 'step-error' }, [el('code', { text: step.error })])); }
      list.appendChild(el('li', { className: 'step kind-' + step.kind, 'data-step': step.step, 'data-kind': step.kind,
        'data-begin': new Date(step.begin).toISOString(), 'data-end': new Date(step.end).toISOString(),
        'data-attempts': step.attempts || '', 'data-outcome': step.outcome }, [
        head, track].concat(extra).concat([attemptsDetail(step, !!open[step.step])])));
    });
    container.appendChild(list);
  }

  Durable.timeline = { build: build, render: render, text: text };
}(window.Durable = window.Durable || {}));
