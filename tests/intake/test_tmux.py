"""A real terminal: casekit intake in a tmux pane, answered key by key through the whole interview.

tmux gives the program a real pseudo-terminal (Rich prompts, line editing), unlike the in-process
runner.  The test starts its own tmux server on a private socket and stops only that server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from casekit.intake import load_interview, read_answer_file
from casekit.model import Case
from casekit.settings import Settings
from casekit.store import CaseRepository, FactRepository, Store

from .helpers import drive

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "intake" / "luring-child-under-10.yaml"
TMUX = shutil.which("tmux")

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (the CI script installs it)")


def _typed(value: object) -> str:
    """How a person would type an answer from the example file."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


class Pane:
    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            [TMUX, "-L", self.socket, *args], env=self.env, check=True, capture_output=True, text=True
        ).stdout  # type: ignore[list-item]

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-3000", "-t", "intake")

    def wait_for(self, needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text()
            if needle in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"'{needle}' did not appear; the screen ends with:\n{self.text()[-2000:]}")

    def wait_for_any(self, *needles: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text()
            if any(n in screen for n in needles):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"none of {needles} appeared; the screen ends with:\n{self.text()[-2000:]}")

    def type_line(self, text: str) -> None:
        self.tmux("send-keys", "-t", "intake", "-l", text)
        self.tmux("send-keys", "-t", "intake", "Enter")


def test_whole_interview_in_a_real_terminal(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "CASEKIT_HOME": str(tmp_path / "home"),
        "CASEKIT_LANG": "en",
        "CASEKIT_PASSPHRASE": "tmux test (synthetic)",
        "TERM": "xterm-256color",
        "COLUMNS": "250",  # as wide as the pane, whatever the test runner's environment says
        "LINES": "60",
    }
    env.pop("CASEKIT_DATABASE_URL", None)
    casekit = [sys.executable, "-m", "casekit.cli"]
    store = Store(Settings.from_env(env))
    with store.session() as s:
        case_id = CaseRepository(s).add(Case(title="tmux run (synthetic)")).id

    answers = read_answer_file(EXAMPLE).answers
    _, path = drive(answers)  # the questions the interview will ask, in order
    interview = load_interview()

    pane = Pane(f"casekit-test-{uuid.uuid4().hex[:8]}", env)
    command = " ".join([*casekit, "intake", "--case", case_id]) + "; echo EXIT=$?; sleep 600"
    pane.tmux("new-session", "-d", "-s", "intake", "-x", "250", "-y", "60", command)
    try:
        pane.wait_for("There are no wrong answers")
        for question_id in path:
            question = interview.question(question_id)
            assert question is not None
            pane.wait_for(question.text.en)
            pane.type_line(_typed(answers[question_id]))
        screen = pane.wait_for_any("A few more answers", "EXIT=", timeout=60)
        if "EXIT=" not in screen:
            pane.type_line("no")  # follow-up questions the law engine suggests: not now
            screen = pane.wait_for("EXIT=", timeout=60)
    finally:
        subprocess.run([TMUX, "-L", pane.socket, "kill-server"], env=env, capture_output=True)

    assert "EXIT=0" in screen
    assert "[yes / no / ?] > " in screen  # the answer hint is on the prompt line
    assert "While you wait" in screen and "Report to Cybertip.ca" in screen
    assert "What the law may say" in screen
    with store.session() as s:
        facts = FactRepository(s).as_dict(case_id)
    store.close()
    assert facts["victim_age"] == 9 and facts["platform"] == ["instagram"]
    assert facts["victim_sent_intimate_image"] is True and facts["police_declined"] is True
