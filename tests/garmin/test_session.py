"""The login side: resuming stored tokens, refresh and rotation, expiry, the token-store lock."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import stat
from pathlib import Path
from typing import Any

import pytest

from runlift_sync.config import Settings
from runlift_sync.errors import AuthError, SourceError
from runlift_sync.sources.garmin_connect import open_session
from runlift_sync.sources.garmin_connect.tokens import TokenStoreBusyError, token_store_lock
from tests.garmin.fake_connect import CLIENT_ID, DISPLAY_NAME, FakeConnect
from tests.garmin.helpers import TODAY, add_wellness_day, make_garmin, run_sync, scalar, sign_in


def stored(token_dir: Path) -> dict[str, Any]:
    return json.loads((token_dir / "garmin_tokens.json").read_text(encoding="utf-8"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def token_posts(fake: FakeConnect) -> int:
    return sum(1 for method, path, _ in fake.calls if method == "POST")


def test_resume_from_stored_tokens_only(fake: FakeConnect, gsettings: Settings) -> None:
    before = stored(gsettings.token_dir)
    with open_session(gsettings.token_dir, timeout_s=1, garmin_factory=make_garmin) as session:
        assert session.garmin.display_name == DISPLAY_NAME
        assert session.wellness("hrv", TODAY) == {}  # 204 → no data
    assert token_posts(fake) == 0  # the token was fresh: no refresh needed
    assert fake.sso_calls == []
    assert stored(gsettings.token_dir) == before  # written back, unchanged
    assert session.tokens_saved
    assert mode(gsettings.token_dir / "garmin_tokens.json") == 0o600
    assert mode(gsettings.token_dir) == 0o700


def test_expiring_token_is_refreshed_and_the_rotated_one_written_back(
    fake: FakeConnect, tmp_path: Path, gsettings: Settings
) -> None:
    old = fake.write_token_store(gsettings.token_dir, expires_in_s=60)  # within 15 min of expiry
    add_wellness_day(fake, TODAY)
    report = run_sync(gsettings)
    assert report.complete
    assert token_posts(fake) == 1
    new = stored(gsettings.token_dir)
    assert new["di_refresh_token"] == fake.refresh_token != old["di_refresh_token"]
    assert new["di_token"] != old["di_token"]
    assert new["di_client_id"] == CLIENT_ID
    assert mode(gsettings.token_dir / "garmin_tokens.json") == 0o600
    # the old refresh token is dead now: only the written-back one lets the next night resume
    fake.expire_access_tokens()
    assert run_sync(gsettings).complete
    assert token_posts(fake) == 2
    assert stored(gsettings.token_dir)["di_refresh_token"] == fake.refresh_token


def test_a_401_midway_refreshes_once_and_goes_on(fake: FakeConnect, gsettings: Settings) -> None:
    add_wellness_day(fake, TODAY)
    with open_session(gsettings.token_dir, timeout_s=1, garmin_factory=make_garmin) as session:
        fake.expire_access_tokens()  # Garmin dropped the access token early
        body = session.wellness("hrv", TODAY)
        assert body["hrvSummary"]["calendarDate"] == TODAY.isoformat()
    assert token_posts(fake) == 1
    unauthorized = [p for m, p, _ in fake.calls if m == "GET" and "hrv" in p]
    assert len(unauthorized) == 2  # the refused call, then the same call once more
    assert stored(gsettings.token_dir)["di_refresh_token"] == fake.refresh_token


def test_revoked_login_stops_with_one_clear_message_and_no_login_loop(
    fake: FakeConnect, gsettings: Settings, no_library_sleep: list[float]
) -> None:
    add_wellness_day(fake, TODAY)
    fake.revoke()
    with pytest.raises(AuthError, match="run `runlift login`"):
        run_sync(gsettings)
    assert fake.sso_calls == []  # never the credential login
    assert 1 <= token_posts(fake) <= 4  # garminconnect's bounded refresh attempts, no loop
    assert [p for p in fake.api_paths() if "hrv" in p or "activitylist" in p] == []
    # nothing half-done was recorded
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM raw_garmin_json") == 0


def test_login_revoked_during_the_pull_keeps_what_was_committed(
    fake: FakeConnect, gsettings: Settings
) -> None:
    for k in range(5):
        add_wellness_day(fake, TODAY - dt.timedelta(days=k))
    done: list[str] = []

    def revoke_after_some(what: str) -> None:
        done.append(what)
        if len(done) == 2:  # two days stored
            fake.revoke()

    with pytest.raises(AuthError, match="runlift login"):
        run_sync(gsettings, since=TODAY - dt.timedelta(days=4), progress=revoke_after_some)
    kept = scalar(gsettings.warehouse, "SELECT count(DISTINCT calendar_date) FROM raw_garmin_json")
    assert kept == 2
    assert scalar(gsettings.warehouse, "SELECT count(*) FROM raw_garmin_json") == 2 * 4
    stopped = scalar(gsettings.warehouse, "SELECT stopped FROM garmin_sync_runs")
    assert stopped == "login"


def test_no_stored_login_means_run_login_first(fake: FakeConnect, tmp_path: Path) -> None:
    settings = Settings(
        warehouse=tmp_path / "w.duckdb",
        athlete="me",
        config_path=tmp_path / "c.toml",
        token_dir=tmp_path / "empty",
    )
    with pytest.raises(AuthError, match="run `runlift login` once"):
        run_sync(settings)
    assert fake.calls == []


def test_corrupt_token_file_is_a_login_problem(fake: FakeConnect, gsettings: Settings) -> None:
    (gsettings.token_dir / "garmin_tokens.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(AuthError, match="runlift login"):
        run_sync(gsettings)
    assert fake.sso_calls == []


def test_two_processes_never_use_the_token_store_at_once(
    fake: FakeConnect, gsettings: Settings
) -> None:
    with token_store_lock(gsettings.token_dir, timeout_s=1, command="runlift sync"):
        with pytest.raises(TokenStoreBusyError, match="runlift sync"):
            with token_store_lock(gsettings.token_dir, timeout_s=0.3):
                pass
        with pytest.raises(TokenStoreBusyError):
            run_sync(dataclasses.replace(gsettings, lock_timeout_s=0.3))
    assert fake.calls == []  # the second one waited and gave up before touching Garmin
    with token_store_lock(gsettings.token_dir, timeout_s=0.3):
        pass  # released


# --- runlift login ------------------------------------------------------------------------------


class StubClient:
    def __init__(self, tokens: dict[str, str]) -> None:
        self.tokens = tokens
        self.di_token: str | None = None
        self.di_refresh_token: str | None = None

    def dump(self, path: str) -> None:
        (Path(path) / "garmin_tokens.json").write_text(json.dumps(self.tokens), encoding="utf-8")


class StubGarmin:
    """Stands in for garminconnect's credential login (the SSO flow is theirs to test)."""

    def __init__(self, outcome: Exception | None, prompt_mfa: Any) -> None:
        self.outcome = outcome
        self.prompt_mfa = prompt_mfa
        self.client = StubClient({"di_token": "a", "di_refresh_token": "r", "di_client_id": "c"})
        self.display_name: str | None = None
        self.logins: list[str] = []

    def login(self, tokenstore: str) -> None:
        self.logins.append(tokenstore)
        if self.outcome is not None:
            raise self.outcome
        self.client.tokens["mfa"] = self.prompt_mfa()
        self.client.di_token, self.client.di_refresh_token = "a", "r"
        self.client.dump(tokenstore)
        self.display_name = DISPLAY_NAME


def stub_factory(outcome: Exception | None, made: list[StubGarmin]) -> Any:
    def factory(email: str, password: str, prompt_mfa: Any) -> StubGarmin:
        assert (email, password) == ("me@example.org", "s3cret")
        made.append(StubGarmin(outcome, prompt_mfa))
        return made[-1]

    return factory


def test_login_stores_tokens_owner_only_and_no_password(tmp_path: Path) -> None:
    token_dir = tmp_path / "tokens"
    made: list[StubGarmin] = []
    signed = sign_in(token_dir, stub_factory(None, made), mfa_code="123456")
    assert signed.display_name == DISPLAY_NAME and signed.warning is None
    saved = (token_dir / "garmin_tokens.json").read_text(encoding="utf-8")
    assert json.loads(saved)["mfa"] == "123456"  # the MFA prompt reached the login
    assert "s3cret" not in saved
    assert mode(token_dir) == 0o700
    assert mode(token_dir / "garmin_tokens.json") == 0o600
    # the tokens alone (the lock file is removed when the login is done)
    assert sorted(p.name for p in token_dir.iterdir()) == ["garmin_tokens.json"]


@pytest.mark.parametrize(
    ("failure", "error", "message"),
    [
        ("auth", AuthError, "did not accept that email and password"),
        ("429", SourceError, "Wait an hour"),
    ],
)
def test_failed_login_keeps_the_old_tokens_and_is_not_retried(
    tmp_path: Path, failure: str, error: type[Exception], message: str
) -> None:
    from garminconnect import (
        GarminConnectAuthenticationError,
        GarminConnectTooManyRequestsError,
    )

    token_dir = tmp_path / "tokens"
    token_dir.mkdir(mode=0o700)
    (token_dir / "garmin_tokens.json").write_text('{"di_token": "old"}', encoding="utf-8")
    outcome = (
        GarminConnectAuthenticationError("401")
        if failure == "auth"
        else GarminConnectTooManyRequestsError("429")
    )
    made: list[StubGarmin] = []
    with pytest.raises(error, match=message):
        sign_in(token_dir, stub_factory(outcome, made))
    assert len(made) == 1 and len(made[0].logins) == 1  # one attempt, no retry loop
    assert (token_dir / "garmin_tokens.json").read_text(encoding="utf-8") == '{"di_token": "old"}'
    # the tokens alone (the lock file is removed when the login is done)
    assert sorted(p.name for p in token_dir.iterdir()) == ["garmin_tokens.json"]
