"""Roles, hashed passwords, the login rate limit, the /ask API and error text (ui/auth.py, ui/app.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from fastapi.testclient import TestClient
from gradio.routes import App
from starlette.middleware import Middleware

from rag.settings import Settings
from ui.app import ask_json, build_app, launch_options
from ui.auth import Access, ClientAddressMiddleware, LoginLimiter, User, hash_password, load_users, verify_password
from ui.backend import Backend
from ui.documents import upload


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _users_file(tmp_path: Path, suffix: str = ".toml") -> Path:
    users = {"wang": ("admin", "王的密码"), "li": ("editor", "李的密码"), "zhao": ("reader", "赵的密码")}
    path = tmp_path / f"users{suffix}"
    if suffix == ".json":
        data = {"users": {n: {"role": r, "password": hash_password(p)} for n, (r, p) in users.items()}}
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        lines = [f'[users.{n}]\nrole = "{r}"\npassword = "{hash_password(p)}"\n' for n, (r, p) in users.items()]
        path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_passwords_are_salted_scrypt_hashes() -> None:
    one, two = hash_password("秘密"), hash_password("秘密")
    assert one.startswith("scrypt$") and one != two and "秘密" not in one
    assert verify_password("秘密", one) and not verify_password("秘", one) and not verify_password("秘密", "scrypt$x")


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_roles_come_from_the_users_file(tmp_path: Path, suffix: str) -> None:
    access = Access(load_users(_users_file(tmp_path, suffix), env={}))
    assert access.login("wang", "王的密码") and not access.login("wang", "李的密码")
    assert [access.can_edit(n) for n in ("wang", "li", "zhao", "nobody", None)] == [True, True, False, False, False]
    assert [access.can_ask(n) for n in ("wang", "li", "zhao", "nobody", None)] == [True, True, True, False, False]


def test_a_users_file_refuses_plain_passwords_and_unknown_roles(tmp_path: Path) -> None:
    plain = tmp_path / "plain.toml"
    plain.write_text('[users.a]\nrole = "admin"\npassword = "123456"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="scrypt hash"):
        load_users(plain, env={})
    with pytest.raises(ValueError, match="role must be one of"):
        load_users(None, env={"RAG_UI_USER": "a", "RAG_UI_PASSWORD": "b", "RAG_UI_ROLE": "root"})


def test_no_accounts_means_reading_only() -> None:
    access = Access({})
    assert not access.enabled and access.can_ask(None) and not access.can_edit(None)


def test_logins_are_rate_limited_per_user_and_address() -> None:
    clock = Clock()
    access = Access({"wang": User("wang", "admin", hash_password("对的"))}, LoginLimiter(clock=clock))
    for _ in range(5):
        assert not access.login("wang", "错的")
    assert not access.login("wang", "对的")  # locked out even with the right password
    clock.now += 61
    assert access.login("wang", "对的")


def test_the_login_route_limits_by_client_address(tmp_path: Path, settings: Settings) -> None:
    access = Access(load_users(_users_file(tmp_path), env={}))
    demo = build_app(settings, backend=Backend(settings), access=access)
    demo.auth = access.login
    app = App.create_app(demo, app_kwargs={"middleware": [Middleware(ClientAddressMiddleware)]})
    client = TestClient(app)  # its client address is "testclient"
    for _ in range(5):
        assert client.post("/login", data={"username": "li", "password": "x"}).status_code == 400
    assert client.post("/login", data={"username": "li", "password": "李的密码"}).status_code == 400
    assert access.limiter.blocked("li", "testclient") and not access.limiter.blocked("li", "10.0.0.7")
    assert client.post("/login", data={"username": "wang", "password": "王的密码"}).status_code == 200


def test_launch_hides_internal_errors_and_needs_accounts_off_localhost(settings: Settings, tmp_path: Path) -> None:
    options = launch_options(settings, env={})
    assert options["show_error"] is False and options["auth"] is None
    assert options["app_kwargs"]["middleware"][0].cls is ClientAddressMiddleware
    with pytest.raises(ValueError, match="needs accounts"):
        launch_options(settings.with_(host="0.0.0.0"), env={})
    remote = launch_options(settings.with_(host="0.0.0.0", users_file=_users_file(tmp_path)), env={})
    assert callable(remote["auth"])


def test_ask_errors_are_chinese_messages_without_internals(settings: Settings) -> None:
    backend = Backend(settings)
    for bad in (None, 42, "   "):
        with pytest.raises(gr.Error, match="问题"):
            ask_json(backend, bad)
    with pytest.raises(gr.Error) as caught:
        ask_json(backend, "有什么规定？")  # no index built in this test
    assert "索引" in str(caught.value) and "manifest" not in str(caught.value)


def _ask_fn(demo: gr.Blocks) -> Any:
    return next(d.fn for d in demo.fns.values() if d.api_name == "ask")


def test_the_ask_api_honours_roles(settings: Settings, tmp_path: Path) -> None:
    access = Access(load_users(_users_file(tmp_path), env={}))
    demo = build_app(settings, backend=Backend(settings), access=access)
    with pytest.raises(gr.Error, match="登录"):
        _ask_fn(demo)("有什么规定？", gr.Request(username=None))
    with pytest.raises(gr.Error, match="索引"):  # a reader gets past the role check (no index here)
        _ask_fn(demo)("有什么规定？", gr.Request(username="zhao"))


def test_a_reader_cannot_upload(settings: Settings, tmp_path: Path) -> None:
    source = tmp_path / "新规定.txt"
    source.write_text("第一条 新规定。\n", encoding="utf-8")
    status, *_ = upload(Backend(settings), [str(source)], "zh", allowed=False)
    assert "只有编辑或管理员" in status
    assert not (settings.uploads_path / "新规定.txt").exists()


def test_the_upload_api_refuses_readers_and_anonymous_use(settings: Settings) -> None:
    import base64

    import gradio as gr

    users = {"li": User("li", "reader", hash_password("读者")), "wang": User("wang", "editor", hash_password("编辑"))}
    data = base64.b64encode("第一条 新规定。\n".encode()).decode("ascii")
    for access, user in ((Access(users), "li"), (Access(users), None), (Access({}), None)):
        demo = build_app(settings, backend=Backend(settings), access=access)
        api = next(d.fn for d in demo.fns.values() if d.api_name == "upload")
        assert api is not None
        with pytest.raises(gr.Error, match="没有上传权限"):
            api("新规定.txt", data, False, gr.Request(username=user))
    assert not (settings.uploads_path / "新规定.txt").exists()


def test_without_accounts_the_page_disables_editing_and_says_why(settings: Settings) -> None:
    demo = build_app(settings, backend=Backend(settings), access=Access({}))
    by_id = {getattr(b, "elem_id", None): b for b in demo.blocks.values()}
    assert "管理员账号" in by_id["need-admin"].value
    assert by_id["upload-btn"].interactive is False and by_id["remove-btn"].interactive is False


def test_the_chat_page_shows_no_internal_error_text(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import chat

    backend = Backend(settings)

    def broken(question: str, docs: Any = None) -> Any:
        raise RuntimeError("secret internal detail at /srv/policy-rag")

    monkeypatch.setattr(backend, "stream", broken)
    steps = list(chat.respond(backend, "有什么规定？", [], None, "zh"))
    html, turns, _ = steps[-1]
    assert "secret" not in html and "/srv" not in html and "内部错误" in turns[-1].error
