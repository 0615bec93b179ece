"""One case's interview, backed by the store: answer, go back, confirm safety, restart.

``Intake`` is what the terminal, the answer-file runner and the web wizard call.  Each answer is saved
in its own transaction together with the facts it writes, so leaving at any point loses nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from ..errors import IntakeError
from ..i18n import current_lang
from ..model import Case, Fact, FactSource
from ..store import CaseRepository, FactRepository, Store
from .answers import parse_answer
from .definition import load_interview
from .engine import FOLLOW_UP, Status, Step, follow_ups, walk
from .progress import IntakeRepository, Progress
from .schema import Interview, Question

PROVENANCE_PREFIX = "intake:"


class Intake:
    def __init__(
        self,
        store: Store,
        case_id: str,
        *,
        interview: Interview | None = None,
        lang: str | None = None,
        today: date | None = None,
    ) -> None:
        self.store = store
        self.interview = interview or load_interview()
        self.today = today
        with store.session() as s:
            self.case: Case = CaseRepository(s).get(case_id)
            progress = IntakeRepository(s).progress(case_id)
        self.lang = lang or (progress.lang if progress else current_lang())

    @property
    def case_id(self) -> str:
        return self.case.id

    # ------------------------------------------------------------------ reading
    def progress(self) -> Progress | None:
        with self.store.session() as s:
            return IntakeRepository(s).progress(self.case_id)

    def answers(self) -> dict[str, Any]:
        with self.store.session() as s:
            return IntakeRepository(s).answers(self.case_id)

    def step(self) -> Step:
        with self.store.session() as s:
            return self._walk(IntakeRepository(s))

    def question(self, question_id: str) -> Question:
        question = self.interview.question(question_id)
        if question is None:
            raise IntakeError.from_key("intake.error.unknown_question", question=question_id)
        return question

    def parse(self, question_id: str, raw: Any) -> Any:
        return parse_answer(self.question(question_id), raw, self.today)

    # ------------------------------------------------------------------ changing
    def answer(self, question_id: str, raw: Any) -> Step:
        """Record one answer (any form ``parse_answer`` takes) and return what comes next."""
        value = self.parse(question_id, raw)
        with self.store.session() as s:
            repo = IntakeRepository(s)
            repo.save_answer(self.case_id, question_id, value)
            return self._settle(s, repo)

    def answer_many(self, values: dict[str, Any]) -> Step:
        """Record already-parsed answers (question id → value) in one transaction."""
        with self.store.session() as s:
            repo = IntakeRepository(s)
            for question_id, value in values.items():
                repo.save_answer(self.case_id, question_id, value)
            return self._settle(s, repo)

    def answer_follow_up(self, question_id: str, raw: Any) -> Step:
        """Record the answer to a question asked after the interview (see ``engine.follow_ups``)."""
        value = self.parse(question_id, raw)
        with self.store.session() as s:
            repo = IntakeRepository(s)
            repo.save_answer(self.case_id, FOLLOW_UP + question_id, value)
            return self._settle(s, repo)

    def follow_ups(self, wanted: Collection[str]) -> list[Question]:
        return follow_ups(self.interview, self.step(), wanted)

    def back(self) -> Step | None:
        """Forget the last answer on the path, so its question is asked again; None at the start."""
        with self.store.session() as s:
            repo = IntakeRepository(s)
            asked = self._walk(repo).known.asked
            if not asked:
                return None
            repo.forget_answer(self.case_id, asked[-1])
            return self._settle(s, repo)

    def confirm_safe(self) -> Step:
        """The person says the danger that stopped the interview is handled: go on with the questions."""
        with self.store.session() as s:
            repo = IntakeRepository(s)
            step = self._walk(repo)
            progress = repo.progress(self.case_id)
            confirmed = set(progress.safety_confirmed if progress else ()) | set(step.stop_reasons)
            self._save_progress(repo, step, tuple(confirmed))
            return self._settle(s, repo)

    def restart(self) -> None:
        """Clear this interview's answers and the facts they wrote; facts set by hand stay."""
        with self.store.session() as s:
            IntakeRepository(s).clear(self.case_id)
            facts = FactRepository(s)
            for fact in facts.for_case(self.case_id):
                if (fact.provenance or "").startswith(PROVENANCE_PREFIX):
                    facts.unset(self.case_id, fact.key)

    def start(self) -> Step:
        """Make sure progress is recorded (the language, the interview version) and return the step."""
        with self.store.session() as s:
            return self._settle(s, IntakeRepository(s))

    # ------------------------------------------------------------------ internals
    def _walk(self, repo: IntakeRepository) -> Step:
        progress = repo.progress(self.case_id)
        confirmed = progress.safety_confirmed if progress else ()
        return walk(self.interview, repo.answers(self.case_id), confirmed)

    def _settle(self, session: Any, repo: IntakeRepository) -> Step:
        step = self._walk(repo)
        self._sync_facts(session, step)
        self._save_progress(repo, step)
        return step

    def _save_progress(
        self, repo: IntakeRepository, step: Step, confirmed: tuple[str, ...] | None = None
    ) -> None:
        repo.save_progress(
            self.case_id,
            version=self.interview.version,
            status=step.status.value,
            lang=self.lang,
            current_question=step.question.id if step.question and step.status is Status.asking else None,
            safety_confirmed=confirmed,
        )

    def _sync_facts(self, session: Any, step: Step) -> None:
        """Make the case's intake facts match the answers on the path; leave hand-set facts alone."""
        facts = FactRepository(session)
        stored = {f.key: f for f in facts.for_case(self.case_id)}
        for key, fv in step.known.facts.items():
            current = stored.get(key)
            if current is not None and not (current.provenance or "").startswith(PROVENANCE_PREFIX):
                continue  # the person set this one by hand ('casekit facts set'); it wins
            fact = Fact(
                case_id=self.case_id,
                key=key,
                value=fv.value,
                source=FactSource.derived if fv.derived else FactSource.user,
                provenance=fv.provenance,
            )
            if (
                current is None
                or current.provenance != fact.provenance
                or current.model_dump(mode="json")["value"] != fact.model_dump(mode="json")["value"]
            ):
                facts.set(fact)
        for key, current in stored.items():
            if key not in step.known.facts and (current.provenance or "").startswith(PROVENANCE_PREFIX):
                facts.unset(self.case_id, key)
