// Editions pages: the little script they need (served as is, no build step).
// - placeholder buttons insert a source placeholder into the translation at the cursor;
// - "use this draft" puts the machine draft shown beside kept human text into the editor;
// - the placeholder tags in a translation cannot be broken by editing: an edit that removes,
//   adds, alters or splits a tag, or unnests a <g>…</g>, is undone (the text and selection as
//   they were) and a polite message says why; replacing the whole text is left alone (the
//   server still refuses broken placeholders on save), and so is a text already broken;
// - each segment saves on its own with fetch (If-Match: the version read, X-CSRF-Token),
//   and a version conflict shows both texts, keeping the translator's own in the textarea;
//   when the conflict's buttons disappear, the keyboard focus they had moves to the segment
//   (its Save button after saving mine, its textarea after taking theirs), never to the page;
// - a running draft job's progress follows its server-sent events.
// Text from the server is only ever set with textContent.
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  // Placeholder tags, kept whole while editing.
  var TAG = /<g id="\d+">|<\/g>|<x id="\d+"\/>/g;

  // The complete tags of a text (and any `added`), sorted (a multiset), and whether its
  // <g>…</g> nest properly.
  function tagsOf(text, added) {
    var tags = text.match(TAG) || [];
    var depth = 0;
    var nested = true;
    tags.forEach(function (tag) {
      if (tag.charAt(1) === 'g') depth += 1;
      else if (tag === '</g>') {
        depth -= 1;
        if (depth < 0) nested = false;
      }
    });
    return { list: tags.concat(added || []).sort().join('\n'), nested: nested && depth === 0 };
  }

  // Whether going from `before` to `after` (with the tags `added`, if any) breaks a tag that
  // was whole, or their nesting, when the tags of `before` were whole and well nested.
  function breaksTags(before, after, added) {
    var was = tagsOf(before, added);
    if (!was.nested) return false;
    var now = tagsOf(after);
    return now.list !== was.list || !now.nested;
  }

  function guardStatus(area) {
    var form = area.closest('form.segment-form');
    return form ? { box: form.querySelector('.placeholder-guard'), text: form.getAttribute('data-msg-guard') || '' } : null;
  }

  function refuse(area, snapshot) {
    area.value = snapshot.value;
    area.setSelectionRange(snapshot.start, snapshot.end, snapshot.direction);
    var status = guardStatus(area);
    if (status && status.box) {
      status.box.textContent = '';
      status.box.textContent = status.text;
    }
  }

  function accepted(area) {
    var status = guardStatus(area);
    if (status && status.box && status.box.textContent) status.box.textContent = '';
  }

  function snapshotOf(area) {
    return { value: area.value, start: area.selectionStart, end: area.selectionEnd, direction: area.selectionDirection || 'none' };
  }

  var pending = new WeakMap();

  function isSegmentArea(target) {
    return target instanceof HTMLTextAreaElement && target.closest('form.segment-form') !== null;
  }

  function check(area) {
    var snapshot = pending.get(area);
    pending.delete(area);
    if (!snapshot || snapshot.value === area.value) return;
    // Replacing the whole text (everything selected, or none yet) is a new text, not an edit of a tag.
    var whole = snapshot.start === 0 && snapshot.end === snapshot.value.length;
    if (!whole && breaksTags(snapshot.value, area.value)) refuse(area, snapshot);
    else accepted(area);
  }

  document.addEventListener('beforeinput', function (event) {
    var area = event.target;
    if (!isSegmentArea(area) || (event.isComposing && pending.has(area))) return;
    pending.set(area, snapshotOf(area));
  });
  document.addEventListener('input', function (event) {
    if (!isSegmentArea(event.target) || event.isComposing) return;
    check(event.target);
  });
  document.addEventListener('compositionend', function (event) {
    if (isSegmentArea(event.target)) check(event.target);
  });

  // Placeholder buttons.
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button.chip-insert') : null;
    if (!button) return;
    var area = document.getElementById(button.getAttribute('data-target'));
    if (!area) return;
    var tag = button.getAttribute('data-insert');
    var before = snapshotOf(area);
    var start = area.selectionStart;
    var end = area.selectionEnd;
    var selected = area.value.slice(start, end);
    var paired = /^<g id="\d+"><\/g>$/.test(tag);
    var open = paired ? tag.slice(0, tag.indexOf('>') + 1) : tag;
    var text = paired ? open + selected + '</g>' : tag;
    area.setRangeText(text, start, end, 'end');
    if (paired && selected === '') area.setSelectionRange(start + open.length, start + open.length);
    // Wrapping or replacing a selection that holds part of a tag would break it: refused.
    if (breaksTags(before.value, area.value, paired ? [open, '</g>'] : [tag])) refuse(area, before);
    area.focus();
  });

  // "Use this draft": the machine draft shown beside kept human text replaces the text in the
  // editor (a whole new text; nothing is saved until Save), and the focus goes there.
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button.use-draft') : null;
    if (!button) return;
    var area = document.getElementById(button.getAttribute('data-target'));
    if (!area) return;
    area.value = button.getAttribute('data-draft') || '';
    accepted(area);
    area.focus();
  });

  // Saving a segment.
  function showFindings(box, findings, noFindings) {
    if (!box) return;
    box.textContent = '';
    if (findings.length === 0) {
      var none = document.createElement('p');
      none.className = 'findings-none';
      none.textContent = noFindings;
      box.appendChild(none);
      return;
    }
    var list = document.createElement('ul');
    list.className = 'findings';
    findings.forEach(function (f) {
      var item = document.createElement('li');
      item.className = 'finding finding-' + f.severity;
      item.setAttribute('data-rule', f.rule);
      var label = document.createElement('span');
      label.className = 'severity';
      label.textContent = f.label;
      item.appendChild(label);
      item.appendChild(document.createTextNode(' ' + f.message));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  // Hides a segment's conflict box; focus inside it goes to `next` instead of being lost.
  function hideConflict(form, next) {
    var conflict = form.querySelector('.conflict');
    var hadFocus = conflict.contains(document.activeElement);
    conflict.hidden = true;
    if (hadFocus && next) next.focus();
  }

  function setVersion(form, version) {
    form.setAttribute('data-version', String(version));
    var field = form.querySelector('input[name="version"]');
    if (field) field.value = String(version);
  }

  function save(form, version) {
    var area = form.querySelector('textarea');
    var status = form.querySelector('.save-status');
    var conflict = form.querySelector('.conflict');
    status.textContent = form.getAttribute('data-msg-saving') || '…';
    return fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'if-match': '"' + version + '"',
        'x-csrf-token': csrfToken(),
      },
      body: JSON.stringify({ text: area.value }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        if (body.ok) {
          setVersion(form, body.version);
          hideConflict(form, form.querySelector('button.save'));
          status.textContent = body.message;
          var state = form.closest('section.segment').querySelector('.state');
          state.textContent = body.stateLabel;
          state.setAttribute('data-state', body.state);
          state.className = 'state state-' + body.state;
          showFindings(form.closest('section.segment').querySelector('.segment-findings'), body.findings, body.noFindings);
          showFindings(document.querySelector('.edition-findings-list'), body.editionFindings, body.noFindings);
          return;
        }
        status.textContent = [body.message].concat(body.items || []).join(' ');
        if (body.conflict) {
          form.setAttribute('data-conflict-version', String(body.conflict.version));
          form.setAttribute('data-conflict-text', body.conflict.text);
          conflict.querySelector('.conflict-theirs').textContent = body.conflict.text;
          conflict.querySelector('.conflict-mine').textContent = area.value;
          conflict.hidden = false;
        }
      })
      .catch(function () {
        status.textContent = form.getAttribute('data-msg-failed') || '!';
      });
  }

  document.querySelectorAll('form.segment-form').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      save(form, form.getAttribute('data-version'));
    });
    form.querySelector('.keep-mine').addEventListener('click', function () {
      save(form, form.getAttribute('data-conflict-version'));
    });
    form.querySelector('.take-theirs').addEventListener('click', function () {
      form.querySelector('textarea').value = form.getAttribute('data-conflict-text') || '';
      setVersion(form, form.getAttribute('data-conflict-version'));
      hideConflict(form, form.querySelector('textarea'));
      form.querySelector('.save-status').textContent = '';
    });
  });

  // A draft job's live progress.
  var job = document.querySelector('section.job[data-events]');
  if (job && window.EventSource) {
    var bar = job.querySelector('progress');
    var line = job.querySelector('.job-status');
    var reload = job.querySelector('.job-reload');
    var source = new EventSource(job.getAttribute('data-events'));
    source.addEventListener('progress', function (event) {
      var data = JSON.parse(event.data);
      var p = data.progress[job.getAttribute('data-locale')] || { done: 0, total: 0 };
      bar.max = Math.max(p.total, 1);
      bar.value = p.done;
      var template = job.getAttribute('data-msg-' + data.status) || data.status;
      line.textContent = template.replace('%done', String(p.done)).replace('%total', String(p.total));
      line.setAttribute('data-status', data.status);
      if (data.status === 'done' || data.status === 'failed') {
        source.close();
        reload.hidden = false;
      }
    });
    source.onerror = function () {
      source.close();
    };
  }
})();
