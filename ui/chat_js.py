"""The browser-side scripts of the question page: citation clicks, copy, clause links, scrolling."""

from __future__ import annotations

# On a phone the clause panel stands below the conversation: a click that opens a clause scrolls
# the panel into view when it is not (mostly) on screen already — at once, and again when the
# clause arrives (the page may have been too short to scroll that far before).
REVEAL_JS = """
function revealPanel(id) {
  const panel = document.getElementById(id);
  if (!panel) return;
  const box = panel.getBoundingClientRect();
  const view = window.innerHeight || document.documentElement.clientHeight;
  if (box.top < 0 || box.top > view * 0.6) panel.scrollIntoView({block: 'start'});
}
function askReveal(id) { window.ragReveal = id; revealPanel(id); }
"""

# Clicks on a citation marker or a source become a Gradio event carrying (turn, n); the copy
# button copies the answer with its sources. Nothing in the markup is a URL.
TRANSCRIPT_JS = REVEAL_JS + """
function copyFallback(text) {
  const ta = document.createElement('textarea');
  ta.value = text; ta.setAttribute('readonly', ''); ta.style.position = 'fixed'; ta.style.opacity = '0';
  document.body.appendChild(ta); ta.select();
  try { document.execCommand('copy'); } catch (e) {}
  ta.remove();
}
element.addEventListener('click', (ev) => {
  const copy = ev.target.closest('.copy-btn');
  if (copy) {
    ev.preventDefault();
    const text = copy.dataset.copy || '';
    const done = () => {
      const old = copy.textContent;
      copy.textContent = '✓ ' + (copy.dataset.done || '');
      setTimeout(() => { copy.textContent = old; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => { copyFallback(text); done(); });
    } else { copyFallback(text); done(); }
    return;
  }
  const fb = ev.target.closest('.fb-btn');
  if (fb) {
    ev.preventDefault();
    trigger('click', {turn: fb.dataset.turn, feedback: fb.dataset.kind});
    return;
  }
  const a = ev.target.closest('a.cite');
  if (!a) return;
  ev.preventDefault();
  element.querySelectorAll('a.cite.active').forEach((x) => x.classList.remove('active'));
  a.classList.add('active');
  trigger('click', {turn: a.dataset.turn, n: a.dataset.n});
  askReveal('clause-col');
});
// After each answer, scroll the conversation so the newest question is at the top of the view.
watch('value', () => {
  const box = element.querySelector('.rag-chat');
  const asked = element.querySelectorAll('.msg.user');
  if (box && asked.length) { box.scrollTop = asked[asked.length - 1].offsetTop - box.offsetTop - 8; }
});
"""


def nav_js(reveal: str | None = None) -> str:
    """Links to a clause by (document, ordinal) — the neighbours in the clause panel, the clause
    tree — as Gradio events; ``reveal``: the id of the panel to bring into view after a click.
    A panel using this script scrolls itself into view when its new content arrives after such
    a click (``window.ragReveal`` names the panel waiting for it)."""
    after = f"askReveal({reveal!r});" if reveal else ""
    return (
        REVEAL_JS
        + """
watch('value', () => {
  const id = window.ragReveal;
  if (id && element.closest('#' + id)) { window.ragReveal = null; revealPanel(id); }
});
element.addEventListener('click', (ev) => {
  const a = ev.target.closest('a.nav, a.pdf-link');
  if (!a) return;
  ev.preventDefault();
  trigger('click', {doc: a.dataset.doc, ordinal: a.dataset.ordinal, page: a.dataset.page || null});
"""
        + after
        + "\n});\n"
    )


NAV_JS = nav_js()
