// Editions pages: the little script they need (served as is, no build step).
// - "use this draft" puts the machine draft shown beside kept human text into the editor;
// - placeholders (chips, insert buttons, the guard) are the editor's: client/editor.ts;
// - each segment saves on its own with fetch (If-Match: the version read, X-CSRF-Token),
//   and a version conflict shows both texts, keeping the translator's own in the textarea;
//   when the conflict's buttons disappear, the keyboard focus they had moves to the segment
//   (its Save button after saving mine, its textarea after taking theirs), never to the page;
// - working through a statement: save and next, confirm as is, shortcuts, the filter (asked of
//   the server at once), the next segment that needs work (on a later page through the server's
//   link), the same text offered to identical segments after a save, unsaved text kept in
//   localStorage and a warning before
//   leaving it (docs/domain.md#working-through-a-statement);
// - a running draft job's progress follows its server-sent events.
// Text from the server is only ever set with textContent.
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  // Placeholder tags are kept whole by the editor (client/editor.ts, its own bundle), which
  // also handles the insert buttons and Ctrl+Shift+digit; the server refuses a broken text.
  function accepted(area) {
    var form = area.closest('form.segment-form');
    var box = form ? form.querySelector('.placeholder-guard') : null;
    if (box && box.textContent) box.textContent = '';
  }

  // "Use this draft": the machine draft shown beside kept human text replaces the text in the
  // editor (a whole new text; nothing is saved until Save), and the focus goes there.
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button.use-draft') : null;
    if (!button) return;
    var area = document.getElementById(button.getAttribute('data-target'));
    if (!area) return;
    setSegmentText(area, button.getAttribute('data-draft') || '');
    accepted(area);
    focusArea(area);
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
    // "Use this text" (the segment's history) saves at the version the segment is at now.
    var section = form.closest('section.segment');
    if (section) section.querySelectorAll('form.use-history input[name="version"]').forEach(function (f) { f.value = String(version); });
  }

  // Resolves true once saved.
  function save(form, version) {
    var area = form.querySelector('textarea');
    var status = form.querySelector('.save-status');
    var conflict = form.querySelector('.conflict');
    var sent = area.value;
    var draftKey = draftKeyOf(form);
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
      body: JSON.stringify({ text: sent }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        if (body.ok) {
          setVersion(form, body.version);
          markSaved(form, sent, draftKey);
          hideConflict(form, form.querySelector('button.save'));
          status.textContent = body.message;
          var state = form.closest('section.segment').querySelector('.state');
          state.textContent = body.stateLabel;
          state.setAttribute('data-state', body.state);
          state.className = 'state state-' + body.state;
          showFindings(form.closest('section.segment').querySelector('.segment-findings'), body.findings, body.noFindings);
          showFindings(document.querySelector('.edition-findings-list'), body.editionFindings, body.noFindings);
          form.closest('section.segment').setAttribute('data-findings', body.findings.map(function (f) { return f.rule; }).join(' '));
          showTwinOffers(form, body.twins);
          return true;
        }
        status.textContent = [body.message].concat(body.items || []).join(' ');
        if (body.conflict) {
          form.setAttribute('data-conflict-version', String(body.conflict.version));
          form.setAttribute('data-conflict-text', body.conflict.text);
          conflict.querySelector('.conflict-theirs').textContent = body.conflict.text;
          conflict.querySelector('.conflict-mine').textContent = area.value;
          conflict.hidden = false;
        }
        return false;
      })
      .catch(function () {
        status.textContent = form.getAttribute('data-msg-failed') || '!';
        return false;
      });
  }

  // Identical texts (the title and the H1): after a save, each twin whose text is another (or
  // none yet) is offered this text with one button, which saves it as the twin's (with the
  // twin's version: the same edit); in place when the twin is on the page.
  function showTwinOffers(form, twins) {
    var section = form.closest('section.segment');
    var box = section ? section.querySelector('.twin-offers') : null;
    if (!box) return;
    box.textContent = '';
    (twins || []).forEach(function (twin) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'use-for-twin';
      button.setAttribute('data-twin', twin.id);
      button.textContent = twin.label;
      button.addEventListener('click', function () {
        useForTwin(button, twin);
      });
      box.appendChild(button);
    });
  }

  function useForTwin(button, twin) {
    var twinSection = document.getElementById('seg-' + twin.id);
    var twinForm = twinSection ? twinSection.querySelector('form.segment-form') : null;
    if (twinForm) {
      setSegmentText(areaOf(twinForm), twin.text);
      save(twinForm, twin.version).then(function (ok) {
        if (ok) button.remove();
      });
      return;
    }
    fetch(twin.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'if-match': '"' + twin.version + '"', 'x-csrf-token': csrfToken() },
      body: JSON.stringify({ text: twin.text }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        if (body.ok) button.remove();
        else button.textContent = body.message;
      });
  }

  document.querySelectorAll('form.segment-form').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var then = event.submitter ? event.submitter.getAttribute('value') : null;
      if (then === 'next') saveAndNext(form);
      else if (then === 'confirm') confirmAsIs(form);
      else save(form, form.getAttribute('data-version'));
    });
    form.querySelector('.keep-mine').addEventListener('click', function () {
      save(form, form.getAttribute('data-conflict-version'));
    });
    form.querySelector('.take-theirs').addEventListener('click', function () {
      setSegmentText(form.querySelector('textarea'), form.getAttribute('data-conflict-text') || '');
      setVersion(form, form.getAttribute('data-conflict-version'));
      markSaved(form, form.querySelector('textarea').value, null);
      hideConflict(form, form.querySelector('textarea'));
      form.querySelector('.save-status').textContent = '';
    });
  });

  // Working through a statement (translate page): save and next, confirm as is, shortcuts,
  // the filter in place, the next segment that needs work, unsaved text kept in the browser
  // (localStorage, per segment and version) and a warning before leaving it.
  //
  // The editor contract: a segment's <textarea> always holds its text; an editor built over it
  // (server/pages/client/) dispatches `input` on it after each change, listens for
  // `editions:set` (the text was set) and `editions:focus` (focus the editor).
  function setSegmentText(area, text) {
    area.value = text;
    area.dispatchEvent(new CustomEvent('editions:set', { detail: { text: text } }));
  }

  function focusArea(area) {
    if (area.offsetParent !== null) area.focus();
    area.dispatchEvent(new Event('editions:focus'));
  }

  // The text each segment had when loaded or last saved: anything else is unsaved.
  var savedText = new WeakMap();

  function areaOf(form) {
    return form.querySelector('textarea[name="text"]');
  }

  function isDirty(form) {
    return savedText.has(form) && areaOf(form).value !== savedText.get(form);
  }

  function draftKeyOf(form) {
    // Without the filter in the action's query: the same segment's draft whatever the filter.
    return 'editions:draft:' + form.getAttribute('action').split('?')[0] + '@' + form.getAttribute('data-version');
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function keepDraft(form) {
    var store = storage();
    if (!store) return;
    try {
      if (isDirty(form)) store.setItem(draftKeyOf(form), areaOf(form).value);
      else store.removeItem(draftKeyOf(form));
    } catch (e) {
      // Storage full or refused: the warning before leaving still stands.
    }
  }

  function markSaved(form, text, oldKey) {
    var store = storage();
    if (store && oldKey) store.removeItem(oldKey);
    savedText.set(form, text);
    var notice = form.querySelector('.draft-notice');
    if (notice) notice.hidden = true;
    keepDraft(form);
  }

  var segmentForms = Array.prototype.slice.call(document.querySelectorAll('form.segment-form'));
  segmentForms.forEach(function (form) {
    var area = areaOf(form);
    savedText.set(form, area.value);
    var store = storage();
    var draft = store ? store.getItem(draftKeyOf(form)) : null;
    var notice = form.querySelector('.draft-notice');
    if (draft !== null && draft !== area.value) {
      setSegmentText(area, draft);
      if (notice) notice.hidden = false;
    } else if (draft !== null && store) store.removeItem(draftKeyOf(form));
    if (notice) {
      notice.querySelector('.discard-draft').addEventListener('click', function () {
        setSegmentText(area, savedText.get(form));
        markSaved(form, savedText.get(form), null);
        focusArea(area);
      });
    }
  });

  document.addEventListener('input', function (event) {
    var form = event.target instanceof HTMLTextAreaElement ? event.target.closest('form.segment-form') : null;
    if (form) keepDraft(form);
  });

  window.addEventListener('beforeunload', function (event) {
    if (!segmentForms.some(isDirty)) return;
    event.preventDefault();
    event.returnValue = '';
  });

  var readyStates = { translated: true, approved: true };

  function sectionOf(node) {
    return node instanceof Element ? node.closest('section.segment') : null;
  }

  function shownSections() {
    return Array.prototype.slice.call(document.querySelectorAll('section.segment')).filter(function (s) {
      return !s.hidden;
    });
  }

  function stateOf(section) {
    return section.querySelector('.state').getAttribute('data-state');
  }

  // A segment without a text form (the review page's) is only scrolled to.
  function focusSection(section) {
    section.scrollIntoView({ block: 'center' });
    var form = section.querySelector('form.segment-form');
    if (form) focusArea(areaOf(form));
  }

  // On from a segment: the next one shown; after the last, the next page; on the last page, Submit.
  function goNext(section, step) {
    var shown = shownSections();
    var at = shown.indexOf(section);
    var next = shown[at + (step || 1)];
    if (next) return focusSection(next);
    if (step === -1) return;
    var nextPage = document.querySelector('nav.page-nav a[rel="next"]');
    if (nextPage) {
      window.location.assign(nextPage.getAttribute('href') + '#seg-first');
      return;
    }
    var submit = document.querySelector('form.submit-form button[type="submit"]');
    if (submit) {
      submit.scrollIntoView({ block: 'center' });
      submit.focus();
    }
  }

  var busy = new WeakSet();

  function saveThen(form, after) {
    if (busy.has(form)) return;
    busy.add(form);
    save(form, form.getAttribute('data-version')).then(function (ok) {
      busy.delete(form);
      if (ok) after();
    });
  }

  // Save and next: the text as it stands. A segment already translated or approved whose text
  // did not change is not saved again (that would only raise its version): on to the next.
  function saveAndNext(form) {
    var section = sectionOf(form);
    if (!isDirty(form) && readyStates[stateOf(section)]) return goNext(section);
    saveThen(form, function () {
      goNext(section);
    });
  }

  // Confirm as is: the segment's text as it was shown (its machine draft where it had no text of
  // a person) becomes the translator's; unsaved changes are never confirmed unseen.
  function confirmAsIs(form) {
    var section = sectionOf(form);
    if (isDirty(form)) {
      form.querySelector('.save-status').textContent = form.getAttribute('data-msg-confirm-dirty') || '';
      return;
    }
    saveAndNext(form);
  }

  var filterStatus = document.querySelector('.filter-status');

  // The next segment shown after the one with the focus (from the top when none has it) whose
  // state needs work: on this page; when none is left after it here and there are other pages,
  // the server's link to the next one on any page (a.next-work); else around the page.
  function jumpNext() {
    var shown = shownSections();
    var from = shown.indexOf(sectionOf(document.activeElement));
    var later = document.querySelector('a.next-work');
    for (var k = 1; k <= shown.length; k += 1) {
      if (later && from + k >= shown.length) {
        window.location.assign(later.getAttribute('href'));
        return;
      }
      var candidate = shown[(from + k + shown.length) % shown.length];
      if (candidate && !readyStates[stateOf(candidate)]) return focusSection(candidate);
    }
    if (later) {
      window.location.assign(later.getAttribute('href'));
      return;
    }
    var button = document.querySelector('button.jump-next');
    if (filterStatus && button) {
      filterStatus.textContent = '';
      filterStatus.textContent = button.getAttribute('data-msg-none') || '';
    }
  }

  var jumpButton = document.querySelector('button.jump-next');
  if (jumpButton) jumpButton.addEventListener('click', jumpNext);

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.isComposing) return;
    var section = sectionOf(document.activeElement);
    // Saving shortcuts act where the segment's text is being written (its textarea or editor).
    var form = document.activeElement instanceof Element ? document.activeElement.closest('form.segment-form') : null;
    var enter = event.key === 'Enter';
    if (enter && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      if (!form) return;
      event.preventDefault();
      saveAndNext(form);
    } else if (enter && event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey) {
      if (!form) return;
      event.preventDefault();
      confirmAsIs(form);
    } else if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN') {
      event.preventDefault();
      jumpNext();
    } else if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      if (!section) return;
      event.preventDefault();
      goNext(section, event.key === 'ArrowDown' ? 1 : -1);
    }
  });

  // The filter (?state=&finding=) filters the whole statement on the server, page by page: a
  // change of a choice asks for it at once, from the first page (the form works without script).
  var filterForm = document.querySelector('form.segment-filter');
  if (filterForm) {
    filterForm.addEventListener('change', function () {
      filterForm.requestSubmit(); // unsaved text: the warning before leaving says so
    });
  }

  // A link to a segment (#seg-…, as the list of segments not ready gives) focuses its text.
  function focusFromHash() {
    var hash = window.location.hash;
    if (hash === '#seg-first') {
      var first = shownSections()[0];
      if (first) focusSection(first);
      return;
    }
    if (hash.indexOf('#seg-') !== 0) return;
    var section = document.getElementById(hash.slice(1));
    if (!section || !section.matches('section.segment')) return;
    section.hidden = false;
    focusSection(section);
  }
  window.addEventListener('hashchange', focusFromHash);
  // After every deferred script (the editor mounts over the textareas first).
  if (document.readyState !== 'complete') window.addEventListener('load', focusFromHash);
  else focusFromHash();

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
