/*
 * Conflict map embed helper: resizes our iframes to their content.
 * Protocol: an embed posts {type: "conflict-map:height", version: 1, height} to its parent.
 * This script accepts such messages only from iframes it knows (data-conflict-map) and only
 * when they come from the origin it was itself loaded from.
 */
(() => {
  if (window.__conflictMapEmbed) return;
  window.__conflictMapEmbed = true;
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : null;
  window.addEventListener('message', (event) => {
    var data = event.data;
    if (!origin || event.origin !== origin || !data || data.type !== 'conflict-map:height' || data.version !== 1) return;
    var height = Number(data.height);
    if (!Number.isFinite(height)) return;
    var frames = document.querySelectorAll('iframe[data-conflict-map]');
    for (let i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = `${Math.max(200, Math.min(4000, Math.ceil(height)))}px`;
        frames[i].setAttribute('data-resized', 'true');
      }
    }
  });
})();
