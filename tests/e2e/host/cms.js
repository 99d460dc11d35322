// A CMS that renders one more Newsroom element after the page (and our script) loaded.
window.addEventListener('load', () => {
  setTimeout(() => {
    const el = document.createElement('div');
    el.id = 'late';
    el.setAttribute('data-newsroom', '');
    el.setAttribute('data-layout', 'compact');
    el.setAttribute('data-limit', '2');
    el.setAttribute('data-src', '/news/feed.json');
    document.getElementById('late-slot').appendChild(el);
  }, 100);
});
