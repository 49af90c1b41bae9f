// The console's and the dashboards' behaviour, no framework: forms go to the JSON API with the gateway's CSRF token and
// an Idempotency-Key; problem+json answers are shown next to the field they name; provisioning is followed live.
(function () {
  'use strict';

  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  document.querySelectorAll('form[data-csrf] input[name=_csrf]').forEach(function (input) {
    input.value = csrf();
  });

  function uuid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    return 'k' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  // One request to the API; resolves to {ok, status, body}. Problems come back as their parsed JSON.
  function api(method, path, body, key) {
    var headers = {'Accept': 'application/json, application/problem+json', 'X-XSRF-TOKEN': csrf()};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (key) {
      headers['Idempotency-Key'] = key;
    }
    return fetch(path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = {detail: text}; }
        return {ok: response.ok, status: response.status, body: parsed};
      });
    }, function () {
      return {ok: false, status: 0, body: {detail: document.documentElement.dataset.offline || 'Network error'}};
    });
  }

  function show(element, text) {
    if (!element) { return; }
    element.textContent = text || '';
    element.hidden = !text;
  }

  function problemText(reply) {
    var body = reply.body || {};
    return body.detail || body.title || ('HTTP ' + reply.status);
  }

  function markField(form, reply) {
    form.querySelectorAll('[aria-invalid]').forEach(function (field) { field.removeAttribute('aria-invalid'); });
    var name = reply.body && reply.body.field;
    var field = name && form.querySelector('[name="' + name + '"]');
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  }

  // A form whose data-path may hold {field} placeholders; the other fields make the JSON body.
  function submit(form) {
    var body = {};
    var path = form.dataset.path;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === 'submit' || field.type === 'button') { return; }
      var value = field.value;
      if (path.indexOf('{' + field.name + '}') >= 0) {
        path = path.replace('{' + field.name + '}', encodeURIComponent(value));
        return;
      }
      if (value === '') { return; }
      if (field.type === 'number') { value = Number(value); }
      body[field.name] = field.hasAttribute('data-list') ? [value] : value;
    });
    return api(form.dataset.method, path, body, form.dataset.idempotencyKey);
  }

  document.querySelectorAll('form[data-path]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      show(form.querySelector('.error'), '');
      show(form.querySelector('.done'), '');
      submit(form).then(function (reply) {
        button.disabled = false;
        if (!reply.ok) {
          show(form.querySelector('.error'), problemText(reply));
          markField(form, reply);
          return;
        }
        markField(form, {});
        show(form.querySelector('.done'), form.dataset.done);
        if (form.id === 'open-lab') {
          follow(reply.body);
          form.dataset.idempotencyKey = uuid();
        }
      });
    });
  });

  // Provisioning, step by step, from the job's server-sent events.
  var steps = document.getElementById('steps');
  var jobStatus = document.getElementById('job-status');
  var retry = document.getElementById('retry');
  var current = null;
  var source = null;

  function render(job) {
    current = job;
    document.getElementById('progress').hidden = false;
    (job.steps || []).forEach(function (step) {
      var item = steps.querySelector('[data-step="' + step.step + '"]');
      if (!item) { return; }
      var state = step.status === 'SUCCEEDED' || step.status === 'DONE' ? 'done'
        : step.status === 'FAILED' ? 'failed' : step.status === 'UNDONE' ? 'undone' : step.status === 'RUNNING' ? 'running' : 'pending';
      item.dataset.state = state;
      item.querySelector('.state').textContent = steps.dataset[state] + (step.error ? ' — ' + step.error : '');
    });
    var finished = job.status === 'SUCCEEDED' || job.status === 'FAILED';
    jobStatus.textContent = job.status === 'SUCCEEDED' ? jobStatus.dataset.succeeded
      : job.status === 'FAILED' ? jobStatus.dataset.failed + (job.error ? ' ' + job.error : '')
      : jobStatus.dataset.running;
    jobStatus.dataset.status = job.status;
    retry.hidden = job.status !== 'FAILED';
    return finished;
  }

  function follow(job) {
    if (source) { source.close(); }
    render(job);
    document.getElementById('progress').scrollIntoView();
    source = new EventSource('/api/provisioning/jobs/' + job.id + '/events');
    source.addEventListener('progress', function (event) {
      if (render(JSON.parse(event.data))) {
        source.close();
      }
    });
    source.onerror = function () {
      // The stream ends when the job finishes; if it broke earlier, ask once for where the job is.
      source.close();
      api('GET', '/api/provisioning/jobs/' + job.id).then(function (reply) {
        if (reply.ok && !render(reply.body)) { follow(reply.body); }
      });
    };
  }

  if (retry) {
    retry.addEventListener('click', function () {
      retry.disabled = true;
      api('POST', '/api/provisioning/jobs/' + current.id + '/retry').then(function (reply) {
        retry.disabled = false;
        if (reply.ok) { follow(reply.body); } else { jobStatus.textContent = problemText(reply); }
      });
    });
  }

  // A lab's lifecycle: suspend, resume, archive and delete (the last two asked for by name first).
  document.querySelectorAll('[data-lab-action]').forEach(function (button) {
    button.addEventListener('click', function () {
      if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) { return; }
      var action = button.dataset.labAction;
      var slug = encodeURIComponent(button.dataset.slug);
      var request = action === 'delete' ? api('DELETE', '/api/labs/' + slug)
        : api('POST', '/api/labs/' + slug + '/' + action, undefined, uuid());
      button.disabled = true;
      request.then(function (reply) {
        if (reply.ok) { window.location.reload(); return; }
        button.disabled = false;
        show(document.querySelector('[data-errors-for=labs]'), problemText(reply));
      });
    });
  });

  // Restore an archived lab's export into a new lab: the open form, prefilled.
  document.querySelectorAll('[data-restore]').forEach(function (button) {
    button.addEventListener('click', function () {
      var form = document.getElementById('open-lab');
      form.elements.restoreFromExport.value = button.dataset.export;
      form.elements.name.value = button.dataset.name;
      form.elements.region.value = button.dataset.region;
      form.elements.slug.focus();
    });
  });

  var migrate = document.getElementById('fleet-migrate');
  if (migrate) {
    migrate.addEventListener('click', function () {
      migrate.disabled = true;
      api('POST', '/api/fleet/migrate').then(function (reply) {
        migrate.disabled = false;
        if (!reply.ok) { show(document.querySelector('[data-errors-for=fleet]'), problemText(reply)); return; }
        var table = document.getElementById('fleet-results');
        var rows = table.querySelector('tbody');
        rows.textContent = '';
        (reply.body.results || []).forEach(function (result) {
          var row = rows.insertRow();
          [result.slug, result.outcome, result.schemaVersion || '', result.error || ''].forEach(function (text) {
            row.insertCell().textContent = text;
          });
        });
        table.hidden = false;
      });
    });
  }
})();
