"""Gradio's own words in the app's language: the page script that sets Gradio's locale on a switch."""

from __future__ import annotations

from ui import gradio_words

# Gradio's own words (the file drop zone, toasts, "Loading…") follow Gradio's locale, which it takes
# from the browser; the interface language is the app's own switch. This keeps the two the same:
# Gradio's front end exports ``changeLocale`` from its core module (its settings page uses it), so
# the page imports that module (already loaded: same instance) and sets the locale on load and on
# every switch. If a Gradio release moves it, nothing breaks: Gradio's words stay in the
# browser's language. Widgets already drawn keep the words they were drawn with, and a few words
# are fixed English in Gradio ("processing |"): ui/gradio_words.py rewrites those.
LOCALE_JS = (
    "() => {\n"
    + gradio_words.script()
    + """
  window.ragGradioLocale = async (lang) => {
    const want = lang === 'en' ? 'en' : 'zh-CN';
    const core = /\\/assets\\/core-[^\\/]*\\.js$/;
    try {
      const url = performance.getEntriesByType('resource').map((e) => e.name).find((n) => core.test(n));
      if (url) {
        const mod = await import(url);
        if (typeof mod.changeLocale === 'function') mod.changeLocale(want);
      }
    } catch (e) { console.warn('policy-rag: cannot set the Gradio locale', e); }
    window.ragGradioWords(lang);
  };
  window.ragGradioLocale('zh');
}
"""
)
SET_LOCALE_JS = "(choice) => { if (window.ragGradioLocale) window.ragGradioLocale(choice); return [choice]; }"
