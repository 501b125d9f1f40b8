"""Components whose labels follow the language switch.

Pages register each translatable component with the i18n keys of its properties; the switch
then sends one ``gr.update`` per registered component.
"""

from __future__ import annotations

from typing import Any, TypeVar

import gradio as gr

from ui.i18n import t

C = TypeVar("C", bound=gr.components.Component | gr.blocks.BlockContext)


class Labels:
    """A registry of (component, {property: i18n key}) pairs."""

    def __init__(self) -> None:
        self._entries: list[tuple[Any, dict[str, str], dict[str, object]]] = []

    def add(self, component: C, values: dict[str, object] | None = None, **keys: str) -> C:
        """Register ``component``; ``keys`` maps a property (label, value, placeholder…) to a key.

        ``values`` fill the placeholders of the strings (``{mb}``).
        """
        self._entries.append((component, keys, values or {}))
        return component

    @property
    def components(self) -> list[Any]:
        return [component for component, _, _ in self._entries]

    def updates(self, lang: str) -> list[Any]:
        out: list[Any] = []
        for _, keys, values in self._entries:
            props: dict[str, Any] = {prop: t(key, lang, **values) for prop, key in keys.items()}
            out.append(gr.update(**props))
        return out
