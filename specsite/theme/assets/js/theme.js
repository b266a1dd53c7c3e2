/* specsite theme script: client-side search, mobile menu, dropdowns, dismissible banners.
   Plain ES2017, no libraries, no network: the search index arrives as
   window.SPECSITE_SEARCH from assets/search-index.js, loaded before this file. */
(function () {
  'use strict';

  const doc = document;
  const html = doc.documentElement;
  const base = html.dataset.root || '';
  const MAX_RESULTS = 20;
  html.classList.add('js');

  // ---------- Search ----------
  // Index entry: {t: title, u: url from site root, s: summary, k: keywords, h: [[heading, id], ...]}
  const lower = (s) => String(s == null ? '' : s).toLowerCase();
  const hasAll = (words, hay) => words.every((w) => hay.indexOf(w) !== -1);

  function prepare(index) {
    return index.map((p, order) => {
      const heads = (p.h || []).map((h) => lower(h[0]));
      return {
        p: p, order: order, title: lower(p.t), heads: heads,
        all: [lower(p.t), heads.join(' '), lower(p.k), lower(p.s)].join(' '),
      };
    });
  }

  // Title matches score above heading matches, which score above keyword/summary matches.
  function bonus(hay, query) {
    if (hay === query) return 50;
    return hay.indexOf(query) === 0 ? 20 : 0;
  }

  function runSearch(entries, query) {
    const q = lower(query).trim().replace(/\s+/g, ' ');
    const words = q.split(' ').filter(Boolean);
    const hits = [];
    entries.forEach((e) => {
      if (!hasAll(words, e.all)) return;
      const p = e.p;
      let found = false;
      if (hasAll(words, e.title)) {
        hits.push({ score: 300 + bonus(e.title, q), order: e.order, sub: -1,
          label: p.t, url: p.u, summary: p.s });
        found = true;
      }
      e.heads.forEach((head, i) => {
        if (!hasAll(words, head)) return;
        hits.push({ score: 200 + bonus(head, q), order: e.order, sub: i,
          label: p.t + ' › ' + p.h[i][0], url: p.u + '#' + p.h[i][1], summary: '' });
        found = true;
      });
      if (!found) {
        hits.push({ score: 100, order: e.order, sub: -1, label: p.t, url: p.u, summary: p.s });
      }
    });
    hits.sort((a, b) => b.score - a.score || a.order - b.order || a.sub - b.sub);
    return hits.slice(0, MAX_RESULTS);
  }

  function el(tag, className, text) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function initSearch() {
    const box = doc.querySelector('.search');
    const input = doc.getElementById('search-input');
    const list = doc.getElementById('search-results');
    const status = doc.getElementById('search-status');
    const index = window.SPECSITE_SEARCH;
    if (!box || !input || !list || !Array.isArray(index)) return;
    const entries = prepare(index);
    box.hidden = false;

    const links = () => Array.from(list.querySelectorAll('a'));
    function setOpen(open) {
      list.hidden = !open;
    }
    function close() {
      setOpen(false);
      if (status) status.textContent = '';
    }

    function update() {
      const query = input.value.trim();
      list.textContent = '';
      if (query.length < 2) { close(); return; }
      const hits = runSearch(entries, query);
      hits.forEach((hit) => {
        const li = el('li');
        const a = el('a', 'search-result');
        a.href = base + hit.url;
        a.appendChild(el('span', 'search-result-title', hit.label));
        if (hit.summary) a.appendChild(el('span', 'search-result-summary', hit.summary));
        li.appendChild(a);
        list.appendChild(li);
      });
      if (!hits.length) list.appendChild(el('li', 'search-empty', 'No results'));
      if (status) {
        const n = hits.length;
        status.textContent = n === 0 ? 'No results' :
          n + (n === 1 ? ' result' : ' results') + (n === MAX_RESULTS ? ' (showing the first ' + n + ')' : '');
      }
      setOpen(true);
    }

    input.addEventListener('input', update);
    input.addEventListener('click', () => { if (list.hidden) update(); });
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' && list.hidden) update();
      const items = links();
      if (ev.key === 'ArrowDown' && items.length) {
        ev.preventDefault();
        items[0].focus();
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
    doc.addEventListener('click', (ev) => { if (!box.contains(ev.target)) close(); });
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

  // ---------- Dismissible banners (also ones inserted later, e.g. by live reload) ----------
  doc.addEventListener('click', (ev) => {
    const button = ev.target.closest && ev.target.closest('.specsite-banner-close');
    if (!button) return;
    const banner = button.closest('.specsite-banner');
    if (banner) banner.remove();
  });

  function init() {
    initSearch();
    initMenu();
    initDropdowns();
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})();
