// The door's check-in screen. The roster (confirmed registrations and the lab's public key) is kept on the phone, so
// checking in goes on without a connection: each check-in is queued on the phone and sent when the connection is back
// (the server counts each person once, however often a scan is sent). Codes are read by the camera where the phone
// can, typed or pasted otherwise, or a person is found by name.
(function () {
  'use strict';
  var root = document.getElementById('check-in');
  if (!root || !window.portal) { return; }
  var api = window.portal.api;
  var text = root.dataset;
  var rosterKey = 'clp-roster:' + text.store;
  var queueKey = 'clp-queue:' + text.store;
  var device = localStorage.getItem('clp-device') || window.portal.uuid();
  localStorage.setItem('clp-device', device);
  var roster = JSON.parse(localStorage.getItem(rosterKey) || 'null');
  var queue = JSON.parse(localStorage.getItem(queueKey) || '[]');
  var syncing = false;
  var list = document.getElementById('roster');
  var search = document.getElementById('search');

  function say(id, message) { document.getElementById(id).textContent = message || ''; }
  function fmt(template, values) {
    return template.replace(/%(\w+)%/g, function (all, name) { return values[name] == null ? '' : values[name]; });
  }
  function save() {
    localStorage.setItem(queueKey, JSON.stringify(queue));
    if (roster) { localStorage.setItem(rosterKey, JSON.stringify(roster)); }
  }

  function render() {
    list.textContent = '';
    if (!roster) { return; }
    var wanted = search.value.trim().toLowerCase();
    roster.entries.filter(function (e) { return !wanted || (e.name || '').toLowerCase().indexOf(wanted) >= 0; })
      .slice(0, 50).forEach(function (entry) {
        var item = document.createElement('li');
        var name = document.createElement('span');
        name.textContent = entry.name + (entry.seats > 1 ? ' (+' + (entry.seats - 1) + ')' : '');
        item.appendChild(name);
        if (entry.checkedInAt) {
          var badge = document.createElement('span');
          badge.className = 'badge in';
          badge.textContent = text.checkedIn;
          item.appendChild(badge);
        } else {
          var button = document.createElement('button');
          button.type = 'button';
          button.textContent = text.checkIn;
          button.setAttribute('aria-label', text.checkIn + ': ' + entry.name);
          button.addEventListener('click', function () { checkIn({registrationId: entry.registrationId}, entry); });
          item.appendChild(button);
        }
        list.appendChild(item);
      });
    var local = roster.entries.filter(function (e) { return e.checkedInAt; }).length;
    say('attendance', fmt(text.attendance, {in: local, all: roster.entries.length}));
  }

  function showQueue() {
    say('connection', queue.length ? fmt(text.queued, {count: queue.length}) : '');
  }

  function checkIn(scan, entry) {
    scan.scannedAt = new Date().toISOString();
    queue.push(scan);
    if (entry) { entry.checkedInAt = scan.scannedAt; }
    save();
    render();
    showQueue();
    return sync();
  }

  function sync() {
    if (syncing || !queue.length) { return Promise.resolve(); }
    syncing = true;
    var batch = queue.slice();
    return api('POST', text.api + '/check-ins', {device: device, scans: batch}).then(function (reply) {
      syncing = false;
      if (reply.status === 0) { showQueue(); return; }
      if (!reply.ok) { say('connection', (reply.body && (reply.body.detail || reply.body.title)) || ('HTTP ' + reply.status)); return; }
      queue = queue.slice(batch.length);
      save();
      var a = reply.body.attendance;
      var rejected = reply.body.rejected || [];
      say('connection', rejected.length ? fmt(text.rejected, {count: rejected.length}) : text.synced);
      if (queue.length) { showQueue(); }
      refresh(a);
    });
  }

  function refresh(attendance) {
    return api('GET', text.api + '/roster').then(function (reply) {
      if (!reply.ok) { return; }
      roster = reply.body;
      // scans still waiting stay shown as checked in
      queue.forEach(function (scan) {
        roster.entries.forEach(function (e) { if (e.registrationId === scan.registrationId) { e.checkedInAt = scan.scannedAt; } });
      });
      save();
      render();
      if (attendance) {
        say('attendance', fmt(text.attendance, {in: attendance.checkedInRegistrations, all: roster.entries.length}));
      }
    });
  }

  // A code's payload (event id, registration id), read without the network; the server checks its signature.
  function decode(code) {
    try {
      var part = code.split('.')[0].replace(/-/g, '+').replace(/_/g, '/');
      var bytes = atob(part + '==='.slice((part.length + 3) % 4));
      if (bytes.length !== 32) { return null; }
      var hex = Array.prototype.map.call(bytes, function (c) { return ('0' + c.charCodeAt(0).toString(16)).slice(-2); }).join('');
      var uuid = function (h) { return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-'); };
      return {eventId: uuid(hex.slice(0, 32)), registrationId: uuid(hex.slice(32))};
    } catch (e) {
      return null;
    }
  }

  function byCode(code) {
    code = code.trim();
    var named = decode(code);
    var entry = named && named.eventId === text.event && roster &&
      roster.entries.filter(function (e) { return e.registrationId === named.registrationId; })[0];
    if (!entry) { say('code-result', text.unknown); return; }
    say('code-result', entry.name + ': ' + text.checkedIn);
    checkIn({code: code}, entry);
  }

  document.getElementById('by-code').addEventListener('submit', function (event) {
    event.preventDefault();
    var field = document.getElementById('code');
    byCode(field.value);
    field.value = '';
  });
  search.addEventListener('input', render);
  document.getElementById('sync').addEventListener('click', function () { sync(); });
  window.addEventListener('online', function () { sync(); });

  // The camera, where the phone's browser can read QR codes itself.
  if ('BarcodeDetector' in window && navigator.mediaDevices) {
    var scan = document.getElementById('scan');
    var video = document.getElementById('camera');
    scan.hidden = false;
    scan.addEventListener('click', function () {
      var detector = new window.BarcodeDetector({formats: ['qr_code']});
      navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}}).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        var last = '';
        var look = function () {
          detector.detect(video).then(function (found) {
            if (found.length && found[0].rawValue !== last) { last = found[0].rawValue; byCode(last); }
            if (!video.hidden) { setTimeout(look, 300); }
          });
        };
        look();
      }, function () { scan.hidden = true; });
    });
  }

  render();
  showQueue();
  refresh().then(function () {
    if (roster) { say('connection', queue.length ? fmt(text.queued, {count: queue.length}) : text.rosterSaved); }
    sync();
  });
})();
