"""Cohorts, roles, summaries and digests without Telegram: invite codes and their limits, who
may see what, the status rules of docs/assessors.md, and when a digest is due."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from bot.app.services import Services
from bot.app.settings import Settings
from bot.cohorts import digest as digests
from bot.cohorts.insights import (
    AMBER,
    DOWN,
    GREEN,
    NEW,
    RED,
    STEADY,
    UP,
    LearnerDetail,
    cohort_weakest_area,
    find_member,
    status,
    summarise,
    topic_trend,
    trend,
)
from bot.cohorts.roles import NotAdmin, RoleError, payload_kind
from bot.cohorts.service import (
    CODE_BYTES,
    MAX_FAILURES,
    Ambiguous,
    BadCode,
    CohortError,
    NotAssessor,
    NotFound,
    TooManyTries,
    invite_link,
    new_code,
    split_days,
)
from bot.render.assessor import render_learner
from bot.render.digest import render_digest
from bot.render.feedback import HTML, PLAIN
from content.loader import Content
from storage import cohort_queries as cq
from storage import queries
from storage.models import Assignment, Learner
from tests.helpers import FixedClock

ADMIN = 1
NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)  # a Monday; the conftest clock
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="123456:TEST-token",
        database_url=sqlite_url,
        admin_user_ids=[ADMIN],
    )


async def person(services: Services, uid: int, name: str = "", *, consent: bool = True) -> Learner:
    learner = await services.practice.learner(
        key=f"tg:{uid}", telegram_user_id=uid, first_name=name or f"U{uid}"
    )
    assert learner.id is not None
    if consent:
        learner = await services.learners.accept_privacy(learner.id)
    return learner


async def assessor(services: Services, uid: int, name: str = "") -> Learner:
    learner = await person(services, uid, name)
    await services.roles.grant(by=ADMIN, telegram_user_id=uid)
    return learner


async def attempt(services: Services, learner: Learner, score: int, at: datetime, text: str = "x") -> None:
    assert learner.id is not None
    async with services.sessions.begin() as session:
        await queries.add_attempt(
            session, learner_id=learner.id, prompt_id="p", topic_id="rules_and_law", text=text,
            score=score, grade="pass" if score >= 50 else "not_yet", result={}, now=at,
        )


# -- codes ----------------------------------------------------------------------------------------


def test_codes_are_long_random_and_fit_a_start_payload() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert CODE_BYTES * 8 >= 128
    for code in codes:
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", code)
        link = invite_link("coach_bot", "c_", code)
        payload = link.split("start=")[1]
        assert len(payload) <= 64 and re.fullmatch(r"[A-Za-z0-9_-]+", payload)
    # 64 symbols a character: 32 characters carry 192 bits.
    assert 32 * math.log2(64) >= 128


def test_payload_kinds_and_link_durations() -> None:
    assert payload_kind("c_abc") == "cohort" and payload_kind("a_abc") == "assessor"
    assert payload_kind("hello") is None
    assert split_days("Retail March 14d") == ("Retail March", 14)
    assert split_days("Group 2") == ("Group 2", None)
    assert split_days("never") == (None, 0)
    assert split_days("") == (None, None)


# -- roles ----------------------------------------------------------------------------------------


async def test_only_admins_grant_revoke_list_and_invite(services: Services) -> None:
    await person(services, 5)
    with pytest.raises(NotAdmin):
        await services.roles.grant(by=5, telegram_user_id=5)
    with pytest.raises(NotAdmin):
        await services.roles.new_invite(by=5)
    with pytest.raises(NotAdmin):
        await services.roles.assessors(by=5)
    granted = await services.roles.grant(by=ADMIN, telegram_user_id=5)
    assert not granted.already and await services.roles.is_assessor(5)
    assert [a.telegram_user_id for a in await services.roles.assessors(by=ADMIN)] == [5]
    await services.roles.revoke(by=ADMIN, telegram_user_id=5)
    assert not await services.roles.is_assessor(5)
    with pytest.raises(RoleError):
        await services.roles.revoke(by=ADMIN, telegram_user_id=5)


async def test_assessor_invite_is_one_time_and_expires(services: Services, clock: FixedClock) -> None:
    first, second, third = [await person(services, uid) for uid in (7, 8, 9)]
    code, _ = await services.roles.new_invite(by=ADMIN)
    assert (await services.roles.redeem(first, 7, code)).learner.telegram_user_id == 7
    with pytest.raises(BadCode):
        await services.roles.redeem(second, 8, code)
    code, _ = await services.roles.new_invite(by=ADMIN)
    clock.advance(timedelta(days=8))
    with pytest.raises(BadCode):
        await services.roles.redeem(third, 9, code)


async def test_a_failed_grant_leaves_the_assessor_invite_unspent(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spending the link and granting the role are one transaction: if granting fails, the
    link is still there for a second try (and nobody half holds the role)."""
    first = await person(services, 7)
    code, _ = await services.roles.new_invite(by=ADMIN)
    real_grant = cq.grant_assessor

    async def crash(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("the database went away")

    monkeypatch.setattr(cq, "grant_assessor", crash)
    with pytest.raises(ConnectionError):
        await services.roles.redeem(first, 7, code)
    assert not await services.roles.is_assessor(7)
    monkeypatch.setattr(cq, "grant_assessor", real_grant)
    assert (await services.roles.redeem(first, 7, code)).learner.telegram_user_id == 7
    assert await services.roles.is_assessor(7)


# -- cohorts and invites ----------------------------------------------------------------------------


async def test_only_assessors_create_cohorts_with_distinct_clean_names(services: Services) -> None:
    await person(services, 5)
    with pytest.raises(NotAssessor):
        await services.cohorts.create(5, "Mine")
    with pytest.raises(NotAssessor):
        await services.cohorts.create(12345, "Never seen")
    await assessor(services, 10)
    made = await services.cohorts.create(10, "  Retail   March ")
    assert made.cohort.name == "Retail March" and made.expires_at == NOW + timedelta(days=30)
    with pytest.raises(CohortError, match="already have"):
        await services.cohorts.create(10, "retail march")
    with pytest.raises(CohortError):
        await services.cohorts.create(10, "x" * 81)
    with pytest.raises(CohortError):
        await services.cohorts.create(10, "   ")


async def test_a_code_is_live_until_stopped_expired_or_its_assessor_revoked(
    services: Services, clock: FixedClock
) -> None:
    await assessor(services, 10, "Olive")
    made = await services.cohorts.create(10, "Retail")
    assert made.code is not None
    found = await services.cohorts.check_code(20, made.code)
    assert (found.cohort_name, found.assessor_name) == ("Retail", "Olive")
    await services.roles.revoke(by=ADMIN, telegram_user_id=10)
    with pytest.raises(BadCode):
        await services.cohorts.check_code(20, made.code)
    await services.roles.grant(by=ADMIN, telegram_user_id=10)
    await services.cohorts.check_code(20, made.code)
    await services.cohorts.stop_invite(10, None)
    with pytest.raises(BadCode):
        await services.cohorts.check_code(20, made.code)
    renewed = await services.cohorts.invite(10, None, days=1)
    assert renewed.code is not None and renewed.code != made.code
    clock.advance(timedelta(days=1, seconds=1))
    with pytest.raises(BadCode):
        await services.cohorts.check_code(20, renewed.code)
    forever = await services.cohorts.invite(10, None, days=0)
    assert forever.expires_at is None
    clock.advance(timedelta(days=3000))
    assert forever.code is not None
    await services.cohorts.check_code(20, forever.code)


async def test_wrong_codes_are_limited_per_user_per_hour(services: Services, clock: FixedClock) -> None:
    await assessor(services, 10)
    made = await services.cohorts.create(10, "Retail")
    assert made.code is not None
    for i in range(MAX_FAILURES):
        with pytest.raises(BadCode):
            await services.cohorts.check_code(20, f"wrong-code-{i:020d}")
    with pytest.raises(TooManyTries):
        await services.cohorts.check_code(20, made.code)
    await services.cohorts.check_code(21, made.code)  # somebody else is not slowed down
    clock.advance(timedelta(minutes=61))
    await services.cohorts.check_code(20, made.code)
    clock.advance(timedelta(days=2))
    await services.cohorts.prune_failures()

    async with services.sessions() as session:
        assert await cq.count_failures(session, telegram_user_id=20, since=NOW - timedelta(days=9)) == 0


async def test_join_needs_privacy_consent_and_sharing_is_the_learners_choice(services: Services) -> None:
    await assessor(services, 10)
    made = await services.cohorts.create(10, "Retail")
    assert made.code is not None
    shy = await person(services, 20, consent=False)
    with pytest.raises(CohortError, match="privacy"):
        await services.cohorts.join(shy, 20, made.code, share_answers=True)
    lee = await person(services, 21, "Lee")
    _, again = await services.cohorts.join(lee, 21, made.code, share_answers=False)
    assert not again
    _, again = await services.cohorts.join(lee, 21, made.code, share_answers=True)
    assert again
    assert lee.id is not None
    (membership,) = await services.cohorts.memberships(lee.id)
    assert membership.share_answers and membership.cohort_name == "Retail"
    assert await services.cohorts.leave(lee.id, membership.cohort_id) is not None
    assert await services.cohorts.leave(lee.id, membership.cohort_id) is None


async def test_an_assessor_sees_only_their_own_cohorts_and_members(services: Services) -> None:
    await assessor(services, 10)
    await assessor(services, 11)
    mine = await services.cohorts.create(10, "Retail")
    theirs = await services.cohorts.create(11, "Energy")
    lee, sam = await person(services, 21, "Lee"), await person(services, 22, "Sam")
    assert mine.code and theirs.code
    await services.cohorts.join(lee, 21, mine.code, share_answers=True)
    await services.cohorts.join(sam, 22, theirs.code, share_answers=True)
    scope = await services.cohorts.scope(10)
    assert [c.name for c in scope.cohorts] == ["Retail"]
    assert [lr.first_name for _, lr in scope.members] == ["Lee"]
    with pytest.raises(NotFound) as other:
        await services.cohorts.scope(10, "Energy")
    with pytest.raises(NotFound) as missing:
        await services.cohorts.scope(10, "Nothing")
    assert str(other.value) == str(missing.value)
    with pytest.raises(NotFound) as by_name:
        find_member(scope, "Sam")
    with pytest.raises(NotFound) as by_number:
        find_member(scope, f"#{sam.id}")
    with pytest.raises(NotFound) as nobody:
        find_member(scope, "#999999")
    assert str(by_name.value) == str(by_number.value) == str(nobody.value)
    assert find_member(scope, "lee").id == lee.id == find_member(scope, f"{lee.id}").id


async def test_two_learners_with_one_name_are_told_apart_by_number(services: Services) -> None:
    await assessor(services, 10)
    made = await services.cohorts.create(10, "Retail")
    assert made.code
    for uid in (21, 22):
        await services.cohorts.join(await person(services, uid, "Sam"), uid, made.code, share_answers=False)
    scope = await services.cohorts.scope(10)
    with pytest.raises(Ambiguous) as exc:
        find_member(scope, "Sam")
    assert len(exc.value.choices) == 2 and all(c.startswith("#") for c in exc.value.choices)


async def test_details_hold_answer_texts_only_when_shared(services: Services) -> None:
    await assessor(services, 10)
    made = await services.cohorts.create(10, "Retail")
    assert made.code
    lee, bo = await person(services, 21, "Lee"), await person(services, 22, "Bo")
    await services.cohorts.join(lee, 21, made.code, share_answers=True)
    await services.cohorts.join(bo, 22, made.code, share_answers=False)
    await attempt(services, lee, 70, NOW - timedelta(days=1), "Lee's answer")
    await attempt(services, bo, 30, NOW - timedelta(days=1), "Bo's answer")
    scope = await services.cohorts.scope(10)
    assert (await services.insights.learner_detail(scope, "Lee")).recent[0].text == "Lee's answer"
    assert (await services.insights.learner_detail(scope, "Bo")).recent[0].text is None
    report, details = await services.insights.cohort_report(scope)
    assert [s.name for s in report.sections[0].learners] == ["Bo", "Lee"]
    assert [a.text for d in details for a in d.recent] == [None, "Lee's answer"]


# -- summaries and status ---------------------------------------------------------------------------


@dataclass
class Row:
    created_at: datetime
    score: int
    topic_id: str = "rules_and_law"
    grade: str = "pass"
    result: dict[str, Any] = field(default_factory=dict)


def test_trend_compares_the_newest_answers_on_a_topic_with_the_ones_before() -> None:
    # Nothing from fewer answers than the comparison names: two against the two before.
    assert trend([]) == (NEW, None) and trend([60]) == (NEW, None)
    assert trend([40, 60]) == (NEW, None) and trend([40, 60, 90]) == (NEW, None)
    assert trend([50, 50, 70, 70]) == (UP, 20)
    assert trend([90, 50, 50, 50, 52]) == (STEADY, 1)  # the oldest is past the window
    assert trend([80, 80, 60, 60]) == (DOWN, -20)


def test_the_trend_never_compares_one_topic_with_another() -> None:
    # The review's case: an easy topic, then a hard one, is not "scores falling -73".
    assert topic_trend([("rules_and_law", 95), ("external_environment", 22)]) == (NEW, None)
    mixed = [("a", 50), ("b", 90), ("a", 50), ("b", 10), ("a", 70), ("a", 70)]
    assert topic_trend(mixed) == (UP, 20)  # only topic a has four answers
    both = [("a", 50), ("a", 50), ("a", 70), ("a", 70), ("b", 80), ("b", 80), ("b", 60), ("b", 60)]
    assert topic_trend(both) == (STEADY, 0)  # +20 on a and -20 on b


@pytest.mark.parametrize(
    ("idle", "recent", "trend_label", "colour"),
    [
        (None, None, NEW, RED),      # never practised
        (14, 80, STEADY, RED),       # two weeks idle
        (0, 40, STEADY, RED),        # below the pass mark, not rising
        (0, 40, DOWN, RED),
        (7, 80, STEADY, AMBER),      # a week idle
        (13, 80, STEADY, AMBER),
        (0, 40, UP, AMBER),          # below the pass mark but rising
        (0, 70, DOWN, AMBER),        # falling
        (6, 50, STEADY, GREEN),      # at the pass mark, practised this week
        (0, 90, UP, GREEN),
    ],
)
def test_status_rules(idle: int | None, recent: int | None, trend_label: str, colour: str) -> None:
    found, reasons = status(idle_days=idle, recent_mean=recent, trend_label=trend_label)
    assert found == colour
    assert bool(reasons) == (colour != GREEN)


def test_summary_counts_and_weakest(content: Content) -> None:
    rows = [Row(NOW - timedelta(days=d), s) for d, s in ((40, 30), (20, 40), (6, 70), (1, 80))]
    rows += [Row(NOW - timedelta(days=d), s, topic_id="policies_procedures") for d, s in ((3, 30), (2, 20))]
    s = summarise(7, "Lee", rows, content=content, now=NOW, tz=LONDON)
    assert (s.attempts_7d, s.attempts_30d, s.attempts_total) == (4, 5, 6)
    assert s.last_practice == NOW - timedelta(days=1) and s.latest_grade == "pass"
    assert s.recent_mean == round((30 + 20 + 80) / 3)
    assert s.week_delta == round((70 + 30 + 20 + 80) / 4 - 35)
    assert s.weakest_topic == content.topics["policies_procedures"].title
    assert s.weakest_skill is not None
    empty = summarise(8, "", [], content=content, now=NOW, tz=LONDON)
    assert empty.status == RED and empty.name == "(no name)" and empty.weakest_topic is None
    assert s.weakest_area == s.weakest_topic  # no area cards: the weakest topic
    policies = content.topics["policies_procedures"].title
    own = next(t.value for t in s.progress.topics if t.label == policies)
    assert cohort_weakest_area([s, empty], content) == (policies, own)
    assert cohort_weakest_area([empty], content) is None


def test_small_histories_give_no_average_trend_or_mastery(content: Content) -> None:
    two = [Row(NOW - timedelta(days=1), 95), Row(NOW, 22, topic_id="external_environment")]
    s = summarise(7, "Jo", two, content=content, now=NOW, tz=LONDON)
    assert (s.recent_mean, s.trend, s.trend_delta, s.week_delta) == (None, NEW, None, None)
    assert s.status == GREEN and s.reasons == ()  # practised today: nothing to flag yet
    assert s.weakest_topic is None and s.weakest_skill is None  # one answer per topic says little
    detail = LearnerDetail(s, [], LONDON)
    text = "\n".join(render_learner(detail, PLAIN))
    assert "Recent average: not enough answers yet (from 3)" in text
    assert "MASTERY BY SKILL\nNot enough answers yet (from 3)" in text
    topics = text.split("MASTERY BY TOPIC")[1].split("MASTERY BY SKILL")[0]
    assert "1 answer, not enough yet" in topics and "%" not in topics



@dataclass
class Card:
    topic_id: str
    skill: str
    mastery: float


def test_weakest_area_is_the_area_card_with_the_lowest_mastery(content: Content) -> None:
    rows = [Row(NOW - timedelta(days=1), 60)]
    cards = [Card("rules_and_law", "legislation", 0.7), Card("rules_and_law", "regulators", 0.2),
             Card("policies_procedures", "star", 0.4)]
    lee = summarise(1, "Lee", rows, content=content, now=NOW, tz=LONDON, areas=cards)
    rules = content.topics["rules_and_law"].title
    assert lee.weakest_area == f"{rules}: regulators"
    bo = summarise(2, "Bo", rows, content=content, now=NOW, tz=LONDON,
                   areas=[Card("rules_and_law", "regulators", 0.8), Card("policies_procedures", "star", 0.5)])
    # Across the cohort: the area with the lowest mean over the learners who have a card for it.
    policies = content.topics["policies_procedures"].title
    assert cohort_weakest_area([lee, bo], content) == (f"{policies}: star structure", 45)


# -- digest ---------------------------------------------------------------------------------------


def test_next_digest_follows_the_local_wall_clock() -> None:
    def utc(*parts: int) -> datetime:
        return datetime(*parts, tzinfo=UTC)

    # London is on GMT in November; NOW is Monday 09:30.
    assert digests.next_digest_at(NOW, LONDON, day=0, time="08:00") == utc(2026, 11, 9, 8, 0)
    assert digests.next_digest_at(NOW, LONDON, day=0, time="10:00") == utc(2026, 11, 2, 10, 0)
    assert digests.next_digest_at(NOW, LONDON, day=4, time="16:30") == utc(2026, 11, 6, 16, 30)
    # Across the spring clock change, 08:00 London is 07:00 UTC.
    march = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)
    spring = digests.next_digest_at(march, LONDON, day=0, time="08:00")
    assert spring == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    kolkata = digests.next_digest_at(NOW, ZoneInfo("Asia/Kolkata"), day=0, time="18:00")
    assert kolkata == datetime(2026, 11, 2, 12, 30, tzinfo=UTC)


def test_digest_setting_is_parsed() -> None:
    assert digests.parse_setting("mon 08:00") == (0, "08:00")
    assert digests.parse_setting("Friday 7:05") == (4, "07:05")
    assert digests.parse_setting("OFF") is None
    for bad in ("", "mon", "mon 25:00", "noday 08:00", "mon 08:60"):
        with pytest.raises(digests.DigestError):
            digests.parse_setting(bad)


async def test_a_due_digest_is_claimed_once(services: Services, clock: FixedClock) -> None:
    await assessor(services, 10)
    assert await services.digests.due() == []
    clock.advance(timedelta(days=7))
    (item,) = await services.digests.due()
    assert await services.digests.claim(item) is True
    assert await services.digests.claim(item) is False  # a second instance, same due time
    assert await services.digests.due() == []


async def test_due_digests_are_read_in_one_statement(services: Services, clock: FixedClock) -> None:
    for uid in (10, 11, 12):
        await assessor(services, uid, f"A{uid}")
    clock.advance(timedelta(days=7))
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(services.engine.sync_engine, "before_cursor_execute", record)
    try:
        due = await services.digests.due()
    finally:
        event.remove(services.engine.sync_engine, "before_cursor_execute", record)
    assert sorted(d.learner.first_name for d in due) == ["A10", "A11", "A12"]
    assert len(statements) == 1  # the assessors with their learners, not one read each


async def test_digest_names_the_inactive_the_improved_and_the_weakest_area(
    services: Services, clock: FixedClock, content: Content
) -> None:
    owner = await assessor(services, 10)
    made = await services.cohorts.create(10, "Retail")
    assert made.code
    lee, bo = await person(services, 21, "Lee"), await person(services, 22, "Bo")
    for who, uid in ((lee, 21), (bo, 22)):
        await services.cohorts.join(who, uid, made.code, share_answers=False)
    await attempt(services, lee, 30, NOW - timedelta(days=20))
    await attempt(services, lee, 40, NOW - timedelta(days=15))
    await attempt(services, lee, 70, NOW - timedelta(days=2))
    await attempt(services, lee, 80, NOW - timedelta(days=1))
    await attempt(services, bo, 50, NOW - timedelta(days=9))
    (text,) = render_digest(await services.digests.report(owner), HTML, services.content)
    assert "Inactive (no practice in 7 days): Bo" in text
    assert "Improved this week: Lee (+40)" in text
    assert "2 learners, week to" in text
    assert "Needs attention: 🟠 Bo (no practice for 9 days)" in text
    assert f"Weakest area: {content.topics['rules_and_law'].title}" in text


# -- both databases -----------------------------------------------------------------------------


async def test_the_whole_path_on_sqlite_and_postgresql(
    migrated_db_url: str, settings: Settings, content: Content, clock: FixedClock
) -> None:
    """Grant, invite, join, report, the one-time link and the digest claim, on each database
    (timestamp comparisons and conditional updates are where the two differ)."""
    svc = await Services.create(settings.model_copy(update={"database_url": migrated_db_url}), clock=clock,
                                content=content)
    try:
        await assessor(svc, 10, "Olive")
        made = await svc.cohorts.create(10, "Retail")
        assert made.code
        lee = await person(svc, 21, "Lee")
        await svc.cohorts.join(lee, 21, made.code, share_answers=True)
        await attempt(svc, lee, 70, NOW - timedelta(days=1), "answer")
        report, details = await svc.insights.cohort_report(await svc.cohorts.scope(10))
        assert report.sections[0].learners[0].attempts_7d == 1 and details[0].recent[0].text == "answer"
        with pytest.raises(BadCode):
            await svc.cohorts.check_code(30, "x" * 32)

        async with svc.sessions() as session:
            assert await cq.count_failures(session, telegram_user_id=30, since=NOW - timedelta(hours=1)) == 1
        code, _ = await svc.roles.new_invite(by=ADMIN)
        await svc.roles.redeem(await person(svc, 40), 40, code)
        with pytest.raises(BadCode):
            await svc.roles.redeem(await person(svc, 41), 41, code)
        clock.advance(timedelta(days=7))
        due = await svc.digests.due()
        assert len(due) == 2
        assert [await svc.digests.claim(d) for d in due] == [True, True]
        assert [await svc.digests.claim(d) for d in due] == [False, False]
    finally:
        await svc.close()


async def test_digest_leads_with_attention_and_overdue_work_then_improvement(
    services: Services, clock: FixedClock, content: Content
) -> None:
    """Red and amber first, then set work past its due date and not answered since it was set,
    then who improved, and only then who was inactive."""
    owner = await assessor(services, 10)
    made = await services.cohorts.create(10, "Retail")
    assert made.code and owner.id is not None
    lee, bo, cy = (await person(services, 21, "Lee"), await person(services, 22, "Bo"),
                   await person(services, 23, "Cy"))
    for who, uid in ((lee, 21), (bo, 22), (cy, 23)):
        await services.cohorts.join(who, uid, made.code, share_answers=False)
    for score, days in ((30, 20), (40, 15), (70, 2), (80, 1)):
        await attempt(services, lee, score, NOW - timedelta(days=days))
    await attempt(services, bo, 50, NOW - timedelta(days=9))
    await attempt(services, cy, 60, NOW - timedelta(days=1))  # answers the topic set for Cy
    async with services.sessions.begin() as session:
        for who, topic, due in ((lee, "service_foundations", -1), (cy, "rules_and_law", -1),
                                (bo, "rules_and_law", 3)):
            assert who.id is not None
            session.add(Assignment(learner_id=who.id, assessor_id=owner.id, kind="topic",
                                   target=topic, due_on=(NOW + timedelta(days=due)).date(),
                                   created_at=NOW - timedelta(days=4)))
    late = await services.digests.overdue(owner)
    assert late == {lee.id: [services.assignments.label("topic", "service_foundations")]}
    (text,) = render_digest(await services.digests.report(owner), HTML, services.content, late)
    title = content.topics["service_foundations"].title
    assert f"Set work overdue: Lee (a question on {title})" in text
    order = [text.index(x) for x in ("Needs attention: 🟠 Bo", "Set work overdue:", "Improved this week: Lee",
                                     "Inactive (no practice in 7 days): Bo")]
    assert order == sorted(order)
    assert "Set work overdue" not in render_digest(
        await services.digests.report(owner), HTML, services.content, {})[0]
