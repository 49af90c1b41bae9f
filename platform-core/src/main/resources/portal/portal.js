// The portal's behaviour, no framework. Forms go to the lab's JSON API with the gateway's CSRF token, the page's
// language and an Idempotency-Key (a retry on a slow link creates nothing twice); a refused form shows each problem
// next to the field it names, in the reader's language, and keeps what was typed.
(function () {
  'use strict';
  var html = document.documentElement;

  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }
  document.querySelectorAll('form[data-csrf] input[name=_csrf]').forEach(function (input) { input.value = csrf(); });

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return 'k' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  // One call to the API; resolves to {ok, status, body}, a problem as its parsed JSON.
  function api(method, path, body, key) {
    var headers = {'Accept': 'application/json, application/problem+json', 'X-XSRF-TOKEN': csrf(),
      'Accept-Language': html.lang || 'en'};
    var raw = window.Blob && body instanceof Blob;
    if (body !== undefined) { headers['Content-Type'] = raw ? (body.type || 'application/octet-stream') : 'application/json'; }
    if (key) { headers['Idempotency-Key'] = key; }
    return fetch(path, {method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body)})
      .then(function (response) {
        return response.text().then(function (text) {
          var parsed = null;
          try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = {detail: text}; }
          return {ok: response.ok, status: response.status, body: parsed};
        });
      }, function () {
        return {ok: false, status: 0, body: {detail: html.dataset.offline || 'No connection'}};
      });
  }
  window.portal = {api: api, uuid: uuid, csrf: csrf};

  function show(element, text) {
    if (!element) { return; }
    element.textContent = text || '';
    element.hidden = !text;
  }

  // A field by its API name: "name", or "answers.0" for the first of a list.
  function fieldFor(form, name) {
    name = name && name.replace(/\[(\d+)\]/g, '.$1');
    return name ? form.querySelector('[name="' + name + '"]') || form.querySelector('[data-field="' + name + '"]') : null;
  }

  function labelOf(form, field) {
    var label = field.id && form.querySelector('label[for="' + field.id + '"]');
    return label ? label.textContent.trim() : field.name;
  }

  // Marks each field a problem names and writes its message, after the field's label, next to it.
  function showProblem(form, reply) {
    form.querySelectorAll('[aria-invalid]').forEach(function (f) { f.removeAttribute('aria-invalid'); });
    form.querySelectorAll('.field-error').forEach(function (p) { show(p, ''); });
    var body = reply.body || {};
    var errors = body.errors || [];
    var first = null;
    var unplaced = [];
    errors.forEach(function (error) {
      var field = fieldFor(form, error.field);
      var place = field && document.getElementById(field.id + '-error');
      if (!field || !place) { unplaced.push(error.message); return; }
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', place.id);
      show(place, labelOf(form, field) + ': ' + error.message);
      first = first || field;
    });
    var summary = errors.length && !unplaced.length ? form.dataset.fixFields || body.title : (body.detail || body.title || ('HTTP ' + reply.status));
    show(form.querySelector('.error'), summary);
    if (first) { first.focus(); } else if (form.querySelector('.error')) { form.querySelector('.error').focus(); }
  }

  function value(field) {
    if (field.type === 'checkbox') { return field.checked; }
    if (field.hasAttribute('data-bool')) { return field.value === 'true'; }
    if (field.dataset.type === 'number') { return field.value === '' ? undefined : Number(field.value); }
    if (field.type === 'number') { return field.value === '' ? undefined : Number(field.value); }
    if (field.dataset.type === 'instant') { return field.value === '' ? undefined : new Date(field.value).toISOString(); }
    return field.value === '' ? undefined : field.value;
  }

  // The JSON body of a form: each named field; "a.b" nests, "a.0" makes a list; data-path may take {field}s.
  function collect(form) {
    var body = {};
    var path = form.dataset.path;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === 'submit' || field.type === 'button' || field.name === '_csrf') { return; }
      if (field.type === 'radio' && !field.checked || field.type === 'file') { return; }
      if (field.hasAttribute('data-item')) {
        // one of a list of ticks: its value joins the list when ticked
        body[field.name] = body[field.name] || [];
        if (field.checked) { body[field.name].push(field.value); }
        return;
      }
      var v = value(field);
      if (path.indexOf('{' + field.name + '}') >= 0) { path = path.replace('{' + field.name + '}', encodeURIComponent(v)); return; }
      if (v === undefined) { return; }
      var keys = field.name.split('.');
      var at = body;
      for (var i = 0; i < keys.length - 1; i++) {
        var nextIsIndex = /^\d+$/.test(keys[i + 1]);
        at[keys[i]] = at[keys[i]] || (nextIsIndex ? [] : {});
        at = at[keys[i]];
      }
      at[keys[keys.length - 1]] = v;
    });
    if (form.dataset.list) { body[form.dataset.list] = body[form.dataset.list] || []; }
    var method = form.dataset.method || 'POST';
    return {path: path, body: form.dataset.empty || method === 'GET' ? undefined : body};
  }

  // "CONFIRMED:You have a seat|WAITLISTED:…" → the words for a value.
  function label(element, value) {
    var words = (element.dataset.labels || '').split('|').reduce(function (all, pair) {
      var at = pair.indexOf(':');
      if (at > 0) { all[pair.slice(0, at)] = pair.slice(at + 1); }
      return all;
    }, {});
    return words[value] || value;
  }

  // A result panel: [data-bind] shows a field of the answer, [data-bind-value] carries it in a form, [data-qr] draws
  // the answer's check-in code.
  function fill(panel, body) {
    panel.querySelectorAll('[data-bind]').forEach(function (element) {
      element.textContent = label(element, body[element.dataset.bind] == null ? '' : String(body[element.dataset.bind]));
    });
    panel.querySelectorAll('[data-bind-value]').forEach(function (input) { input.value = body[input.dataset.bindValue] || ''; });
    panel.querySelectorAll('[data-qr]').forEach(function (box) {
      box.textContent = '';
      if (!body.checkInCode) { return; }
      fetch(box.dataset.path, {method: 'POST', credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf()},
        body: JSON.stringify({code: body.checkInCode})})
        .then(function (r) { return r.ok ? r.text() : ''; })
        .then(function (svg) {
          if (!svg) { return; }
          var image = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
          image.setAttribute('aria-hidden', 'true');
          box.appendChild(document.importNode(image, true));
        });
    });
    panel.hidden = false;
    panel.focus();
  }

  function after(form, reply) {
    var next = form.dataset.next;
    if (form.dataset.result) {
      fill(document.getElementById(form.dataset.result), reply.body || {});
      if (form.dataset.idempotencyKey) { form.hidden = true; }
    } else if (next) {
      window.location.assign(next.replace(/\{(\w+)\}/g, function (all, name) {
        return encodeURIComponent((reply.body || {})[name] || '');
      }));
    } else if (form.hasAttribute('data-reload')) {
      window.location.reload();
    } else {
      show(form.querySelector('.done'), form.dataset.done);
      form.dataset.idempotencyKey = uuid();
    }
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.path) { return; }
    event.preventDefault();
    var unticked = form.querySelector('input[type=checkbox][required]:not(:checked)');
    if (unticked) {
      unticked.setAttribute('aria-invalid', 'true');
      show(form.querySelector('.error'), labelOf(form, unticked));
      unticked.focus();
      return;
    }
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { return; }
    var button = form.querySelector('[type=submit]');
    if (button) { button.disabled = true; }
    show(form.querySelector('.error'), '');
    show(form.querySelector('.done'), '');
    var request = collect(form);
    if (form.hasAttribute('data-raw')) {
      // a file goes as it is (a logo): its own bytes and type, no JSON
      var file = form.querySelector('input[type=file]');
      if (!file.files.length) {
        if (button) { button.disabled = false; }
        file.setAttribute('aria-invalid', 'true');
        show(form.querySelector('.error'), labelOf(form, file));
        file.focus();
        return;
      }
      request = {path: form.dataset.path, body: file.files[0]};
    }
    var key = form.dataset.idempotencyKey || (form.dataset.method === 'POST' ? uuid() : null);
    api(form.dataset.method || 'POST', request.path, request.body, key).then(function (reply) {
      if (button) { button.disabled = false; }
      if (!reply.ok) { showProblem(form, reply); return; }
      showProblem(form, {body: {}});
      show(form.querySelector('.error'), '');
      if (form.dataset.download && reply.body) {
        var blob = new Blob([JSON.stringify(reply.body, null, 2)], {type: 'application/json'});
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = form.dataset.download;
        document.body.appendChild(link);
        link.click();
        link.remove();
      }
      after(form, reply);
    });
  });
})();
