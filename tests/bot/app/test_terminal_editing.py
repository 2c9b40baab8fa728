"""Line editing and history in `star-coach chat` on a real terminal (a pseudo-terminal here)."""

from __future__ import annotations

import builtins
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.app import terminal
from bot.app.terminal import LineEditor, data_dir, history_path

LEFT, UP = "\x1b[D", "\x1b[A"


def test_history_lives_in_the_users_data_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert history_path() == tmp_path / "data" / "star-coach" / "chat_history"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert data_dir() == Path.home() / ".local" / "share" / "star-coach"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert data_dir() == Path.home() / "Library" / "Application Support" / "star-coach"


def test_without_readline_lines_are_read_plainly(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "readline", None)  # `import readline` raises ImportError
    editor = LineEditor(tmp_path / "h" / "chat_history")
    assert editor.readline is None
    answers = iter(["my answer"])

    def fake_input(_prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr(builtins, "input", fake_input)
    assert editor.read("> ") == "my answer"
    assert editor.read("> ") is None  # Ctrl+D
    editor.save()
    assert not (tmp_path / "h").exists()


def test_an_unwritable_history_never_stops_the_chat(tmp_path: Path) -> None:
    pytest.importorskip("readline")
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    editor = LineEditor(blocked / "chat_history")  # its folder cannot be created
    assert editor.readline is not None
    editor.save()  # no exception


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_arrow_keys_edit_and_recall_lines(tmp_path: Path) -> None:
    pytest.importorskip("readline")
    fcntl = pytest.importorskip("fcntl")
    termios = pytest.importorskip("termios")
    main, follower = os.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL"))}
    env.update({"XDG_DATA_HOME": str(tmp_path / "data"), "TERM": "xterm", "PYTHONUNBUFFERED": "1"})
    # This project first on the path, installed or not.
    project = str(Path(terminal.__file__).parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [project, env.get("PYTHONPATH")]))
    def controlling_terminal() -> None:
        """Make the pseudo-terminal the child's own, so Ctrl+C there sends it SIGINT."""
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--user", "pty"], stdin=follower, stdout=follower,
        stderr=follower, cwd=tmp_path, env=env, close_fds=True, preexec_fn=controlling_terminal,
    )
    os.close(follower)
    seen = ""

    def read_until(text: str, timeout: float = 90.0) -> str:
        nonlocal seen
        end = time.monotonic() + timeout
        while text not in seen:
            ready, _, _ = select.select([main], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                raise AssertionError(f"waited for {text!r}; got:\n{seen[-2000:]}")
            try:
                seen += os.read(main, 4096).decode(errors="replace")
            except OSError:  # the process closed the terminal
                raise AssertionError(f"exited before {text!r}; got:\n{seen[-2000:]}") from None
        return seen

    try:
        read_until("Answer in STAR form")
        read_until("> ")
        # "/topcs", two steps left, insert "i": the line sent is "/topics".
        os.write(main, f"/topcs{LEFT}{LEFT}i\r".encode())
        read_until("Type /topic N, or /topic weakest.")
        count = seen.count("Type /topic N, or /topic weakest.")
        # Up arrow recalls the line before.
        os.write(main, f"{UP}\r".encode())
        end = time.monotonic() + 30
        while seen.count("Type /topic N, or /topic weakest.") == count and time.monotonic() < end:
            read_until("> ")
            ready, _, _ = select.select([main], [], [], 1.0)
            if ready:
                seen += os.read(main, 4096).decode(errors="replace")
        assert seen.count("Type /topic N, or /topic weakest.") == count + 1, seen[-2000:]
        # Half a line, then Ctrl+C: the chat ends at once, saved (it used to wait for Enter).
        os.write(main, b"half a line")
        time.sleep(0.5)
        os.write(main, b"\x03")
        read_until("Bye! Your progress is saved.", timeout=30)
        assert process.wait(timeout=30) == 130
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
    assert "^[[D" not in seen and "I don't know /topcs" not in seen
    history = (tmp_path / "data" / "star-coach" / "chat_history").read_text()
    assert "/topics" in history.splitlines()
    assert oct((tmp_path / "data" / "star-coach" / "chat_history").stat().st_mode & 0o777) == "0o600"
