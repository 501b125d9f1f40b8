"""Components whose labels follow the language switch.

Pages register each translatable component with the i18n keys of its properties; the switch
then sends one ``gr.update`` per registered component.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import gradio as gr

from ui.i18n import t

C = TypeVar("C", bound=gr.components.Component | gr.blocks.BlockContext)


class Labels:
    """A registry of (component, {property: i18n key}) pairs."""

    def __init__(self) -> None:
        self._entries: list[tuple[Any, dict[str, str], dict[str, object]]] = []
        self._extra: dict[int, Callable[[str], dict[str, Any]]] = {}

    def add_props(self, component: C, props: Callable[[str], dict[str, Any]]) -> C:
        """Register ``component`` with a function giving its properties in a language (choices…)."""
        self._extra[len(self._entries)] = props
        self._entries.append((component, {}, {}))
        return component

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
        for i, (_, keys, values) in enumerate(self._entries):
            props: dict[str, Any] = {prop: t(key, lang, **values) for prop, key in keys.items()}
            if i in self._extra:
                props.update(self._extra[i](lang))
            out.append(gr.update(**props))
        return out
