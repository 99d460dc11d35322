// Newsroom's entry point: the one script a page includes.
//
//   <link rel="stylesheet" href="/assets/newsroom/newsroom.css">
//   <script type="module" src="/assets/newsroom/newsroom.js"></script>
//   <div data-newsroom data-src="/news/feed.json"></div>
//
// wasm-bindgen's loader finds newsroom-app_bg.wasm next to itself (relative to
// its own URL), so the folder can be served from any path or CDN. Starting the
// module runs the app, which mounts into every [data-newsroom] element, now
// and whenever one is added later.
import init from './newsroom-app.js';

const wasm = await init();
// For measurements (`make bench` reads the wasm memory size); nothing depends on it.
dispatchEvent(new CustomEvent('newsroom:started', { detail: { wasm } }));
