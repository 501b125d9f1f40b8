"""How the app is served: the keyword arguments of ``Blocks.launch`` and who may log in."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from typing import Any

from starlette.middleware import Middleware

from rag.settings import Settings
from ui.auth import Access, ClientAddressMiddleware
from ui.gradio_locale import LOCALE_JS
from ui.style import CSS, theme
from ui.style_appdata import APPDATA_CSS


def auth_from_env(env: Mapping[str, str] | None = None) -> Callable[[str, str], bool] | None:
    """The login check of the accounts in the environment (``RAG_UI_USER``/``RAG_UI_PASSWORD``); None without.

    Raises:
        ValueError: only one of the two is set.
    """
    access = Access.from_settings(None, env)
    return access.login if access.enabled else None


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def launch_options(
    settings: Settings, env: Mapping[str, str] | None = None, access: Access | None = None
) -> dict[str, Any]:
    """The keyword arguments of ``Blocks.launch`` for these settings.

    Raises:
        ValueError: no account is configured but the host is not a loopback address (the app
            would be open to the network), or the accounts are misconfigured.
    """
    access = access or Access.from_settings(settings.users_file, env)
    if not access.enabled and not _loopback(settings.host):
        raise ValueError(
            f"serving on {settings.host} needs accounts: set RAG_USERS_FILE (or RAG_UI_USER and "
            "RAG_UI_PASSWORD); without accounts the app is served on 127.0.0.1 only"
        )
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "max_file_size": int(settings.max_file_mb * 2**20),
        "auth": access.login if access.enabled else None,
        "auth_message": "policy-rag",
        "theme": theme(),
        "css": CSS + APPDATA_CSS,
        "show_error": False,  # internal exception text stays in the log; gr.Error messages still show
        "ssr_mode": False,
        "footer_links": [],  # no "Use via API" in the page: the API is documented in the README
        "js": LOCALE_JS,
        "favicon_path": None,
        "app_kwargs": {"middleware": [Middleware(ClientAddressMiddleware)]},  # the login limit needs the address
    }
