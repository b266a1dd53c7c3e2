/* specsite theme script: full-text search, heading permalinks, copy buttons, the page contents
   column, dark mode, the mobile menu, dropdowns and the preview banner.
   Plain ES2017, no network: MiniSearch (assets/js/vendor/minisearch.js, MIT) and the index built
   at build time (assets/search-index.js, window.SPECSITE_SEARCH) are loaded with <script> tags the
   first time the search box is used, so that pages stay light and search works from file://. */
(function () {
  'use strict';

  const doc = document;
  const html = doc.documentElement;
  const base = html.dataset.root || '';
  const MAX_RESULTS = 20;
  html.classList.add('js');

  function el(tag, className, text) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function announce(message) {
    const region = doc.getElementById('specsite-announce');
    if (!region) return;
    region.textContent = '';
    window.setTimeout(() => { region.textContent = message; }, 50);
  }

  // ---------- Search ----------
  // Same fields, order and tokenizer as specsite/searchindex.py, which wrote the index.
  const FIELDS = ['title', 'heading', 'keywords', 'text'];
  const SPLIT = /[^\p{L}\p{N}_]+/u;
  const SEARCH_OPTIONS = {
    boost: { title: 6, heading: 3, keywords: 2, text: 1 },
    prefix: (term) => term.length >= 2,
    fuzzy: (term) => (term.length >= 5 ? 0.15 : false),
    combineWith: 'AND',
  };

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = el('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error('cannot load ' + src));
      doc.head.appendChild(script);
    });
  }

  let engine = null;
  function searchEngine() {
    if (!engine) {
      engine = Promise.all([loadScript(base + 'assets/js/vendor/minisearch.js'),
        loadScript(base + 'assets/search-index.js')])
        .then(() => window.MiniSearch.loadJS(expand(window.SPECSITE_SEARCH), {
          fields: FIELDS,
          tokenize: (text) => text.split(SPLIT),
          processTerm: (term) => term.toLowerCase() || null,
          searchOptions: SEARCH_OPTIONS,
        }));
    }
    return engine;
  }

  // The compact index of searchindex.py as MiniSearch's own serialized form (toJSON, version 2).
  function expand(data) {
    const ids = {};
    const lengths = {};
    const stored = {};
    const totals = data.fields.map(() => 0);
    data.docs.forEach((doc, i) => {
      ids[i] = i;
      stored[i] = doc;
      lengths[i] = data.lengths[i];
      data.lengths[i].forEach((n, f) => { totals[f] += n; });
    });
    const index = data.index.map((row) => {
      const perField = {};
      for (let f = 1; f < row.length; f++) {
        if (!row[f]) continue;
        const docs = {};
        let doc = 0;
        row[f].forEach((v) => { doc += Math.floor(v / 16); docs[doc] = v % 16; });
        perField[f - 1] = docs;
      }
      return [row[0], perField];
    });
    const count = data.docs.length;
    return {
      documentCount: count, nextId: count, documentIds: ids,
      fieldIds: Object.fromEntries(data.fields.map((f, i) => [f, i])),
      fieldLength: lengths, averageFieldLength: totals.map((t) => (count ? t / count : 0)),
      storedFields: stored, dirtCount: 0, index: index, serializationVersion: 2,
    };
  }

  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Matches any of the terms at the start of a word (prefix search finds "booking" for "book").
  function termPattern(terms) {
    const words = terms.filter(Boolean).sort((a, b) => b.length - a.length).map(escapeRe);
    return words.length ? new RegExp('(?<![\\p{L}\\p{N}_])(' + words.join('|') + ')', 'iu') : null;
  }

  // Where a page hit leads: the section whose heading matches, else the one holding the query as
  // typed ("If-Match"), else the one holding the first matching word, else the page itself.
  function locate(hit, terms, phrase) {
    const re = termPattern(terms);
    const heads = hit.h || [];
    const text = hit.x || '';
    const sectionAt = (at) => {
      let head = null;
      heads.forEach((h) => { if (h[0] <= at) head = h; });
      return head;
    };
    if (re && !re.test(hit.t)) {
      const byHeading = heads.find((h) => re.test(h[1]));
      if (byHeading) return { head: byHeading, at: byHeading[0] + byHeading[1].length + 2 };
      let at = text.toLowerCase().indexOf(phrase);
      if (at < 0) at = text.search(re);
      if (at >= 0) return { head: sectionAt(at), at: at };
    }
    return { head: null, at: -1 };
  }

  // Pages holding the query as typed rank first: "If-Match" is one header name, not "if" and "match".
  function rank(hits, phrase) {
    if (!/[^\p{L}\p{N}_]/u.test(phrase)) return hits;
    hits.forEach((hit) => {
      if ((hit.x || '').toLowerCase().includes(phrase) || hit.t.toLowerCase().includes(phrase)) hit.score *= 5;
    });
    return hits.sort((a, b) => b.score - a.score);
  }

  // The part of the text around the first match, and every matched term in it, as DOM nodes.
  function excerpt(text, terms, width, from, floor) {
    const node = el('span', 'search-result-summary');
    if (!text) return node;
    const one = termPattern(terms);
    const re = one ? new RegExp(one.source, 'giu') : null;
    let start = floor || 0;
    const first = from >= 0 ? from : re ? text.search(re) : -1;
    if (first - start > width / 3) start = Math.max(start, text.lastIndexOf(' ', first - width / 3) + 1);
    let end = Math.min(text.length, start + width);
    if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), first + 1);
    const part = (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
    if (!re) { node.textContent = part; return node; }
    let last = 0;
    part.replace(re, (match, _g, offset) => {
      node.appendChild(doc.createTextNode(part.slice(last, offset)));
      node.appendChild(el('mark', '', match));
      last = offset + match.length;
      return match;
    });
    node.appendChild(doc.createTextNode(part.slice(last)));
    return node;
  }

  function initSearch() {
    const box = doc.querySelector('.search');
    const input = doc.getElementById('search-input');
    const list = doc.getElementById('search-results');
    const status = doc.getElementById('search-status');
    const toggle = doc.querySelector('.search-toggle');
    if (!box || !input || !list) return;
    box.hidden = false;
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener('click', () => {
        const open = !box.classList.contains('is-open');
        box.classList.toggle('is-open', open);
        toggle.setAttribute('aria-expanded', String(open));
        if (open) input.focus();
      });
    }

    const links = () => Array.from(list.querySelectorAll('a'));
    const close = () => { list.hidden = true; };
    let generation = 0;

    function show(hits, query) {
      list.textContent = '';
      hits.forEach((hit) => {
        const li = el('li');
        const a = el('a', 'search-result');
        const terms = hit.terms.concat(query.toLowerCase().split(SPLIT));
        const where = locate(hit, terms, query.toLowerCase());
        a.href = base + hit.u + (where.head ? '#' + where.head[2] : '');
        a.appendChild(el('span', 'search-result-title', where.head ? where.head[1] : hit.t));
        if (where.head) a.appendChild(el('span', 'search-result-page', hit.t));
        if (where.at < 0 && hit.s) a.appendChild(excerpt(hit.s, terms, 160, -1));
        else if (hit.x) {
          const floor = where.head ? where.head[0] + where.head[1].length + 2 : 0;
          a.appendChild(excerpt(hit.x, terms, 160, where.at, floor));
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      if (!hits.length) list.appendChild(el('li', 'search-empty', 'No results for “' + query + '”'));
      const n = hits.length;
      if (status) {
        status.textContent = n === 0 ? 'No results' :
          n + (n === 1 ? ' result' : ' results') + (n === MAX_RESULTS ? ' (showing the first ' + n + ')' : '');
      }
      list.hidden = false;
    }

    function update() {
      const query = input.value.trim();
      const mine = ++generation;
      if (query.length < 2) { list.textContent = ''; close(); if (status) status.textContent = ''; return; }
      searchEngine().then((ms) => {
        if (mine !== generation) return;
        show(rank(ms.search(query), query.toLowerCase()).slice(0, MAX_RESULTS), query);
      }, () => {
        list.textContent = '';
        list.appendChild(el('li', 'search-empty', 'Search is not available: its index did not load.'));
        list.hidden = false;
      });
    }

    input.addEventListener('focus', () => { searchEngine(); });
    input.addEventListener('input', update);
    input.addEventListener('click', () => { if (list.hidden) update(); });
    input.addEventListener('keydown', (ev) => {
      const items = links();
      if (ev.key === 'ArrowDown') {
        ev.preventDefault();
        if (list.hidden) update(); else if (items.length) items[0].focus();
      } else if (ev.key === 'Enter' && items.length && !list.hidden) {
        ev.preventDefault();
        window.location.href = items[0].href;
      } else if (ev.key === 'Escape') {
        if (list.hidden) input.value = '';
        close();
      }
    });
    list.addEventListener('keydown', (ev) => {
      const items = links();
      const i = items.indexOf(doc.activeElement);
      if (ev.key === 'ArrowDown') {
        ev.preventDefault();
        if (i < items.length - 1) items[i + 1].focus();
      } else if (ev.key === 'ArrowUp') {
        ev.preventDefault();
        if (i > 0) items[i - 1].focus(); else input.focus();
      } else if (ev.key === 'Home' || ev.key === 'End') {
        ev.preventDefault();
        if (items.length) items[ev.key === 'Home' ? 0 : items.length - 1].focus();
      } else if (ev.key === 'Escape') {
        ev.preventDefault();
        close();
        input.focus();
      }
    });
    // Close when focus or a click goes elsewhere (a click on a result must still land).
    box.addEventListener('focusout', (ev) => {
      if (ev.relatedTarget && !box.contains(ev.relatedTarget)) close();
    });
    doc.addEventListener('click', (ev) => {
      if (!box.contains(ev.target) && !(toggle && toggle.contains(ev.target))) close();
    });
    // "/" focuses search, as on MkDocs Material and GitHub.
    doc.addEventListener('keydown', (ev) => {
      if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      ev.preventDefault();
      if (toggle && getComputedStyle(box).display === 'none') toggle.click(); else input.focus();
    });
  }

  // ---------- Heading permalinks ----------
  function initAnchors() {
    doc.querySelectorAll('main :is(h2, h3, h4)[id]').forEach((h) => {
      if (h.closest('.toc, .history') || h.querySelector('a.headerlink, a.anchor')) return;
      const a = el('a', 'headerlink', '#');
      a.href = '#' + encodeURIComponent(h.id).replace(/%2F/g, '/');
      a.setAttribute('aria-label', 'Link to section: ' + h.textContent.trim());
      h.appendChild(a);
    });
  }

  // ---------- Copy buttons on code blocks ----------
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise((resolve, reject) => {
      const area = el('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      doc.body.appendChild(area);
      area.select();
      const ok = doc.execCommand('copy');
      area.remove();
      if (ok) resolve(); else reject(new Error('copy refused'));
    });
  }

  function initCopyButtons() {
    const blocks = Array.from(doc.querySelectorAll('main pre')).map((pre) =>
      pre.closest('.highlighter-rouge') || pre.closest('div.highlight') || pre);
    Array.from(new Set(blocks)).forEach((block, i) => {
      if (block.parentElement && block.parentElement.classList.contains('code-block')) return;
      const wrap = el('div', 'code-block');
      block.parentNode.insertBefore(wrap, block);
      wrap.appendChild(block);
      const button = el('button', 'copy-button', 'Copy');
      button.type = 'button';
      button.setAttribute('aria-label', 'Copy code block ' + (i + 1) + ' to the clipboard');
      button.addEventListener('click', () => {
        const code = block.querySelector('code') || block.querySelector('pre') || block;
        copyText(code.innerText.replace(/\n$/, '')).then(() => {
          button.textContent = 'Copied';
          button.classList.add('is-copied');
          announce('Copied to the clipboard');
          window.setTimeout(() => { button.textContent = 'Copy'; button.classList.remove('is-copied'); }, 2000);
        }, () => announce('Copying failed: select the code and copy it by hand'));
      });
      wrap.appendChild(button);
    });
  }

  // ---------- Long identifiers: let URNs and URLs wrap after punctuation, never mid-word ----------
  function initBreaks() {
    doc.querySelectorAll('main :not(pre) > code').forEach((code) => {
      const t = code.textContent;
      if (t.length < 24 || code.children.length || !/[/:.#?&=]/.test(t)) return;
      code.textContent = '';
      code.classList.add('wrap-at-punct');
      t.split(/(?<=[/:.#?&=])/).forEach((part, i) => {
        if (i) code.appendChild(doc.createElement('wbr'));
        code.appendChild(doc.createTextNode(part));
      });
    });
  }

  // ---------- Wide tables scroll sideways: reachable by keyboard while they do (WCAG 2.1.1) ----------
  function initScrollables() {
    // Cells of running text keep a readable width: a narrow screen scrolls the table rather than
    // squeezing its prose into a column one word wide beside identifiers that do not wrap.
    doc.querySelectorAll('main :is(td, th)').forEach((cell) => {
      if (cell.textContent.trim().length > 60) cell.classList.add('cell-prose');
    });
    const boxes = Array.from(doc.querySelectorAll('main table, main .table-wrapper, main .table-responsive, main pre'));
    const mark = () => boxes.forEach((box) => {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute('tabindex')) {
        box.setAttribute('tabindex', '0');
        box.dataset.scrollFocus = '';
      } else if (!scrolls && 'scrollFocus' in box.dataset) {
        box.removeAttribute('tabindex');
        delete box.dataset.scrollFocus;
      }
    });
    mark();
    let pending = 0;
    window.addEventListener('resize', () => { window.clearTimeout(pending); pending = window.setTimeout(mark, 150); });
  }

  // ---------- Page contents: collapsed on narrow screens, current section marked on wide ones ----------
  function initToc() {
    const toc = doc.querySelector('.toc');
    const details = toc && toc.querySelector('details');
    if (!details) return;
    const wide = window.matchMedia('(min-width: 1200px)');
    const place = () => { details.open = wide.matches; };
    place();
    if (wide.addEventListener) wide.addEventListener('change', place);
    details.querySelector('summary').addEventListener('click', (ev) => { if (wide.matches) ev.preventDefault(); });
    const links = Array.from(toc.querySelectorAll('a[href^="#"]'));
    const targets = links.map((a) => doc.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))));
    let pending = false;
    function mark() {
      pending = false;
      let current = -1;
      targets.forEach((t, i) => { if (t && t.getBoundingClientRect().top < 120) current = i; });
      if (current < 0 && targets.length) current = 0;
      links.forEach((a, i) => {
        if (i === current) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
      });
    }
    window.addEventListener('scroll', () => {
      if (!pending) { pending = true; window.requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }

  // ---------- Dark mode toggle (the inline script in <head> applied the saved choice) ----------
  function initThemeToggle() {
    const button = doc.querySelector('.theme-toggle');
    if (!button) return;
    button.hidden = false;
    const sync = () => button.setAttribute('aria-pressed', String(html.dataset.theme === 'dark'));
    sync();
    button.addEventListener('click', () => {
      const next = html.dataset.theme === 'dark' ? 'light' : 'dark';
      html.dataset.theme = next;
      try { localStorage.setItem('specsite-theme', next); } catch (e) { /* private mode: not remembered */ }
      sync();
    });
    const media = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)');
    if (media && media.addEventListener) {
      media.addEventListener('change', (ev) => {
        let saved = null;
        try { saved = localStorage.getItem('specsite-theme'); } catch (e) { /* ignore */ }
        if (!saved) { html.dataset.theme = ev.matches ? 'dark' : 'light'; sync(); }
      });
    }
  }

  // ---------- Mobile menu ----------
  function initMenu() {
    const button = doc.querySelector('.menu-toggle');
    const sidebar = doc.getElementById('sidebar');
    if (!button || !sidebar) return;
    button.hidden = false;
    const setOpen = (open) => {
      button.setAttribute('aria-expanded', String(open));
      sidebar.classList.toggle('is-open', open);
    };
    button.addEventListener('click', () => setOpen(button.getAttribute('aria-expanded') !== 'true'));
    sidebar.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && sidebar.classList.contains('is-open') && button.offsetParent) {
        setOpen(false);
        button.focus();
      }
    });
    // Bring the current page into view inside a long, scrollable sidebar (desktop).
    const current = sidebar.querySelector('[aria-current="page"]');
    if (current && sidebar.scrollHeight > sidebar.clientHeight) {
      sidebar.scrollTop = Math.max(0, current.offsetTop - sidebar.clientHeight / 3);
    }
  }

  // ---------- Top navigation dropdowns (<details>) ----------
  function initDropdowns() {
    const dropdowns = Array.from(doc.querySelectorAll('.topnav details.dropdown'));
    if (!dropdowns.length) return;
    const closeAll = (except) => dropdowns.forEach((d) => { if (d !== except) d.open = false; });
    dropdowns.forEach((d) => {
      d.addEventListener('toggle', () => { if (d.open) closeAll(d); });
      d.addEventListener('keydown', (ev) => {
        if (ev.key === 'Escape' && d.open) {
          d.open = false;
          d.querySelector('summary').focus();
        }
      });
      d.addEventListener('focusout', (ev) => {
        if (ev.relatedTarget && !d.contains(ev.relatedTarget)) d.open = false;
      });
    });
    doc.addEventListener('click', (ev) => {
      if (!ev.target.closest || !ev.target.closest('.topnav details.dropdown')) closeAll(null);
    });
  }

  // ---------- Preview banner: dismissible; folded or unfolded as the reader left it ----------
  doc.addEventListener('click', (ev) => {
    const button = ev.target.closest && ev.target.closest('.specsite-banner-close');
    if (!button) return;
    const banner = button.closest('.specsite-banner');
    if (banner) banner.remove();
  });
  function initBanner() {
    const details = doc.querySelector('.specsite-banner details');
    if (!details) return;
    let folded = null;
    try { folded = sessionStorage.getItem('specsite-banner-folded'); } catch (e) { /* ignore */ }
    if (folded === '1') details.open = false;
    details.addEventListener('toggle', () => {
      try { sessionStorage.setItem('specsite-banner-folded', details.open ? '0' : '1'); } catch (e) { /* ignore */ }
    });
  }

  function init() {
    const steps = [initThemeToggle, initSearch, initAnchors, initCopyButtons, initBreaks, initScrollables, initToc,
      initMenu, initDropdowns, initBanner];
    steps.forEach((step) => {
      try { step(); } catch (err) { if (window.console) console.error('specsite theme:', err); }
    });
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})();
