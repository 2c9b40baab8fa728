"""The offline application for handler tests: the real Application, an offline request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app.application import build_application
from bot.app.services import Services
from bot.app.settings import Settings
from tests.handlers.offline import OfflineRequest, UpdateFactory


@pytest.fixture
async def harness(settings: Settings, services: Services) -> AsyncIterator[Any]:
    """(application, recorded requests, the user Alex's update factory), all offline."""
    request = OfflineRequest()
    app = build_application(settings, services, request=request)
    async with app:
        yield app, request, UpdateFactory(app.bot)
