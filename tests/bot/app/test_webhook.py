"""Webhook mode: the secret is checked on every request; /healthz reports the database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app.application import build_application
from bot.app.services import Services
from bot.app.settings import Settings
from bot.app.webhook import SECRET_HEADER, make_web_app
from tests.handlers.offline import OfflineRequest

SECRET = "s3cret-Token_123"


def update_json(update_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1, "date": 1_700_000_000, "text": text,
            "chat": {"id": 42, "type": "private"},
            "from": {"id": 42, "is_bot": False, "first_name": "Alex"},
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


@pytest.fixture
async def client(settings: Settings, services: Services) -> AsyncIterator[tuple[TestClient, OfflineRequest]]:
    hooked = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="123456:TEST-token",
        database_url=settings.database_url,
        webhook_url="https://coach.example.org/tg/hook",
        webhook_secret=SECRET,
    )
    request = OfflineRequest()
    app = build_application(hooked, services, request=request, updater=False)
    async with app:
        await app.start()
        async with TestClient(TestServer(make_web_app(app, hooked))) as http:
            yield http, request
        await app.stop()


async def wait_for_text(request: OfflineRequest, fragment: str) -> None:
    import asyncio

    for _ in range(100):
        if any(fragment in t for t in request.texts()):
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"no reply containing {fragment!r}: {request.texts()}")


async def test_update_with_the_secret_is_handled(client) -> None:
    http, request = client
    response = await http.post("/tg/hook", json=update_json(1, "/help"), headers={SECRET_HEADER: SECRET})
    assert response.status == 200
    await wait_for_text(request, "/practice")


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET + "x"}])
async def test_wrong_or_missing_secret_is_refused(client, headers) -> None:
    http, request = client
    response = await http.post("/tg/hook", json=update_json(2, "/help"), headers=headers)
    assert response.status == 403
    assert request.texts() == []


async def test_garbage_body_is_a_400(client) -> None:
    http, _ = client
    response = await http.post("/tg/hook", data=b"{not json", headers={SECRET_HEADER: SECRET})
    assert response.status == 400


@pytest.mark.parametrize(
    "payload", [b"[]", b"42", b'"text"', b"null", b"{}", b'{"update_id": "7"}', b'{"update_id": true}',
                b'{"update_id": 7, "message": "not a message"}']
)
async def test_valid_json_that_is_not_an_update_is_a_400(client, payload: bytes) -> None:
    """Not an exception and a 500 (Telegram would send it again and again): a plain refusal."""
    http, request = client
    response = await http.post("/tg/hook", data=payload, headers={SECRET_HEADER: SECRET})
    assert response.status == 400
    assert request.texts() == []


async def test_healthz_reports_the_database(client, services: Services) -> None:
    http, _ = client
    response = await http.get("/healthz")
    assert response.status == 200
    assert (await response.json()) == {"ok": True, "database": "ok"}
    # Point the services at a database that cannot be opened.
    from sqlalchemy.ext.asyncio import create_async_engine

    await services.engine.dispose()
    services.engine = create_async_engine("sqlite+aiosqlite:////nonexistent/dir/x.db")
    response = await http.get("/healthz")
    assert response.status == 503


def test_webhook_without_secret_refuses_to_start(tmp_path, monkeypatch, capsys) -> None:
    from bot.app.cli import main

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:abc")
    monkeypatch.setenv("WEBHOOK_URL", "https://coach.example.org/hook")
    assert main(["run"]) == 2
    assert "WEBHOOK_SECRET" in capsys.readouterr().err
