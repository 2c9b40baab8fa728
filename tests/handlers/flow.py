"""Steps a learner takes in the offline handler tests, shared by the test modules here."""

from __future__ import annotations

from typing import Any

from handlers import texts
from tests.handlers.offline import OfflineRequest, UpdateFactory

ANSWER = (
    "Last month a customer came in with a kettle that stopped working after three weeks. "
    "My task was to decide between a refund and a repair. I checked our refund and returns "
    "policy and the Consumer Rights Act 2015, because within 30 days she had the short-term "
    "right to reject. I refunded her in full. As a result she rated us 5 out of 5."
)


async def onboard(
    app: Any, users: UpdateFactory, sector: str = "retail", nation: str | None = "england"
) -> None:
    """/start and I agree (which opens a first question), then level 3, the sector and the
    nation from /settings, so that no profile question is owed before feedback. With
    `nation=None` the nation is left unset (and owed)."""
    steps = [
        users.message("/start"), users.press("onb:privacy:yes"), users.message("/settings"),
        users.press("onb:change:level"), users.press("onb:level:3"),
        users.press("onb:change:sector"), users.press(f"onb:sector:{sector}"),
    ]
    if nation is not None:
        steps += [users.press("onb:change:nation"), users.press(f"onb:nation:{nation}")]
    for update in steps:
        await app.process_update(update)


def last_shown(request: OfflineRequest) -> dict[str, Any]:
    """The last message the user saw appear: sent, or edited in place."""
    shown = [c.params for c in request.calls if c.method in ("sendMessage", "editMessageText")]
    assert shown, "the bot showed nothing"
    return shown[-1]


async def ask(app: Any, users: UpdateFactory, topic: str = "rules_and_law") -> None:
    await app.process_update(users.message("/practice"))
    await app.process_update(users.press(f"prac:topic:{topic}"))


def feedback_text(request: OfflineRequest) -> str:
    found = [t for t in request.texts() if "Grade:" in t]
    assert found, f"no feedback among {request.texts()}"
    return found[-1]


async def details(app: Any, users: UpdateFactory, request: OfflineRequest) -> str:
    """Press Details under the last feedback summary; the full feedback it sends."""
    summary = [p for p in request.sent() if "Grade:" in str(p["text"])][-1]
    assert len(summary["text"]) <= 600, summary["text"]  # the summary fits one phone screen
    (data,) = [b for b in buttons(summary) if b.startswith("prac:details:")]
    await app.process_update(users.press(data))
    return request.last_text()


def buttons(params: dict[str, Any]) -> list[str]:
    markup = params.get("reply_markup") or {}
    if hasattr(markup, "to_dict"):
        markup = markup.to_dict()
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def apologies(request: OfflineRequest) -> list[str]:
    """The generic apology of the error handler (handlers.texts.ERROR) among what the bot sent,
    matched whole: a question or feedback that says "went wrong" ("what would happen if that
    went wrong?") is not one, and a real apology always is."""
    return [t for t in request.texts() if t == texts.ERROR]
