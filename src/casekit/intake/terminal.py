"""The interview in a terminal, with Rich: one question at a time, each answer saved as it is given.

Only this module knows about the screen; it drives ``Intake`` exactly as the web wizard would.
Typed commands: ``?`` I don't know, ``b``/``r`` back one question, ``q`` stop for now (all saved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from ..i18n import t
from .advice import Advice, Outcome
from .answers import AnswerError
from .engine import Status, Step
from .schema import AnswerType, Question
from .service import Intake

BACK = {"b", "back", "r", "retour"}
LEAVE = {"q", "quit", "quitter", "exit"}
YES = {"yes", "y", "oui", "o"}


def _hint(question: Question, lang: str) -> str:
    kind = question.type
    if kind is AnswerType.yes_no:
        return t("intake.yes_no_hint", lang)
    if kind is AnswerType.multi_choice:
        return t("intake.multi_hint", lang)
    if kind is AnswerType.choice:
        return t("intake.choice_hint", lang)
    if kind is AnswerType.date:
        return t("intake.date_hint", lang)
    return t("intake.number_hint", lang)


class TerminalInterview:
    """Asks the questions of ``intake`` on ``console``; ``ask`` reads one line (default: Rich's input)."""

    def __init__(self, intake: Intake, console: Console, ask: Callable[[str], str] | None = None) -> None:
        self.intake = intake
        self.console = console
        self.lang = intake.lang
        # A Text prompt, not a string: "[yes / no / ?]" would otherwise be read as Rich markup and vanish.
        self.ask = ask or (lambda prompt: console.input(Text(prompt, style="cyan")))
        self._section: str | None = None

    def run(self) -> tuple[Step, bool]:
        """Ask until the interview ends, stops for danger, or the person leaves (second value True)."""
        progress = self.intake.progress()
        step = self.intake.start()
        if progress is not None and progress.status == Status.stopped.value and step.status is Status.stopped:
            # Shown again first: the danger may not be over.  Only a clear "yes" goes on.
            self.console.print(Text(t("intake.safe_now", self.lang), style="bold"))
            if self._read_line(t("intake.yes_no_hint", self.lang)).strip().lower() not in YES:
                return step, False
            step = self.intake.confirm_safe()
        elif progress is not None and step.known.asked:
            self.console.print(t("intake.resumed", self.lang))
        else:
            self.console.print(t("intake.welcome", self.lang))
        self.console.print(Text(t("intake.how_to_answer", self.lang), style="dim"))
        while step.status is Status.asking and step.question is not None:
            question = step.question
            self._show(question)
            raw = self._read_line(_hint(question, self.lang))
            word = raw.strip().lower()
            if word in LEAVE:
                self.console.print(t("intake.left", self.lang, case_id=self.intake.case_id))
                return step, True
            if word in BACK:
                previous = self.intake.back()
                if previous is None:
                    self.console.print(t("intake.nothing_to_undo", self.lang))
                else:
                    step = previous
                    self._section = None
                continue
            if not word:
                self.console.print(t("intake.empty_answer", self.lang))
                continue
            try:
                step = self.intake.answer(question.id, raw)
            except AnswerError as exc:
                self.console.print(Text(exc.hint or exc.message, style="yellow"))
        return step, False

    def follow_up(self, questions: list[Question], offer: bool) -> Step | None:
        """Ask questions the law engine says could change its result; None if the person declines or
        leaves.  Returns the step after the last answer (it may be a stop: a new danger)."""
        if offer:
            self.console.print()
            self.console.print(
                Text(t("intake.follow_up_offer", self.lang, count=len(questions)), style="bold")
            )
            if self._read_line(t("intake.yes_no_hint", self.lang)).strip().lower() not in YES:
                return None
        self.console.print()
        self.console.print(Rule(t("intake.follow_up_title", self.lang)))
        step: Step | None = None
        for question in questions:
            while True:
                self._section = question.section  # no section banners in this short round
                self._show(question)
                raw = self._read_line(_hint(question, self.lang))
                word = raw.strip().lower()
                if word in LEAVE:
                    return step
                if not word:
                    self.console.print(t("intake.empty_answer", self.lang))
                    continue
                try:
                    step = self.intake.answer_follow_up(question.id, raw)
                except AnswerError as exc:
                    self.console.print(Text(exc.hint or exc.message, style="yellow"))
                    continue
                break
            if step.status is Status.stopped:
                return step
        return step

    def _read_line(self, hint: str) -> str:
        # End of input (Ctrl-D, a closed pipe) or Ctrl-C mean "stop for now": every answer is saved.
        try:
            return self.ask(f"[{hint}] > ")
        except (EOFError, KeyboardInterrupt):
            self.console.print()
            return "q"

    def _show(self, question: Question) -> None:
        lang = self.lang
        if question.section != self._section:
            self._section = question.section
            self.console.print()
            self.console.print(Rule(self.intake.interview.section(question.section).title.get(lang)))
        self.console.print()
        self.console.print(Text(question.text.get(lang), style="bold"))
        self.console.print(Text(f"{t('intake.why', lang)} {question.why.get(lang)}", style="dim italic"))
        for number, choice in enumerate(question.choices, start=1):
            self.console.print(f"  {number}. {choice.label.get(lang)}", highlight=False)


def _sources(advice: Advice, lang: str) -> list[Text]:
    if not advice.sources:
        return []
    lines = [Text(t("intake.sources", lang, date=advice.last_verified or "-"), style="dim")]
    lines += [Text(f"  {s['title']} — {s['url']}", style="dim") for s in advice.sources]
    return lines


def print_outcome(console: Console, result: Outcome, lang: str) -> None:
    """The emergency steps, or the checklist and the next hour, as the person will read them."""
    if result.emergency:
        body: list[Any] = []
        for advice in result.emergency:
            body += [Text(advice.title, style="bold"), Text(advice.text), *_sources(advice, lang), Text("")]
        console.print(
            Panel(
                Text("\n").join(body[:-1]),
                title=t("intake.stopped_title", lang),
                border_style="red",
                padding=(1, 2),
            )
        )
        return
    if result.while_you_wait:
        console.print()
        console.print(Rule(t("intake.while_title", lang)))
        for advice in result.while_you_wait:
            console.print(Text(f"• {advice.title}", style="bold"))
            console.print(Text(f"  {advice.text}"))
            for line in _sources(advice, lang):
                console.print(Text("  ") + line)
    if result.next_hour:
        console.print()
        console.print(Rule(t("intake.next_hour_title", lang)))
        for number, advice in enumerate(result.next_hour, start=1):
            console.print(Text(f"{number}. {advice.title}", style="bold"))
            console.print(Text(f"   {advice.text}"))
            for line in _sources(advice, lang):
                console.print(Text("   ") + line)


def print_assessment(console: Console, assessment: Any, lang: str, case_id: str = "ID") -> None:
    """A short summary of the law engine's assessment: urgency and the offences, likely first."""
    console.print()
    console.print(Rule(t("intake.assessment_title", lang)))
    if assessment is None:
        console.print(t("intake.assessment_unavailable", lang))
        return
    urgency = assessment.urgency
    level = t(f"intake.urgency.{urgency}", lang)
    console.print(
        Text(t("intake.urgency", lang, level=level), style="bold red" if urgency != "normal" else "bold")
    )
    for reason in assessment.urgency_reasons:
        console.print(Text(f"  {reason.fr if lang == 'fr' else reason.en}"))
    for offence in assessment.offences:
        line = t(
            "intake.offence_line",
            lang,
            section=offence.section,
            title=offence.title.fr if lang == "fr" else offence.title.en,
            status=t(f"intake.offence.{offence.status}", lang),
        )
        console.print(Text(f"• {line}"))
    open_questions = assessment.questions[:5]
    if open_questions:
        console.print(Text(t("intake.assessment_questions", lang), style="bold"))
        for question in open_questions:
            label = question.label.fr if lang == "fr" else question.label.en
            console.print(Text(f"  – {label} ({question.key})"))
        console.print(Text(t("intake.assessment_questions_hint", lang, case_id=case_id), style="dim"))
    console.print(Text(assessment.disclaimer.fr if lang == "fr" else assessment.disclaimer.en, style="dim"))
