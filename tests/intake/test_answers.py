"""What people type, in English or French, becomes the right answer — or a calm message saying what fits."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.intake import AnswerError, load_interview, parse_answer
from casekit.intake.schema import Question

TODAY = date(2026, 11, 23)


def q(question_id: str) -> Question:
    question = load_interview().question(question_id)
    assert question is not None
    return question


@pytest.mark.parametrize("raw", ["yes", "Y", "oui", "O", True, "1"])
def test_yes_in_either_language(raw: object) -> None:
    assert parse_answer(q("deception"), raw) is True


@pytest.mark.parametrize("raw", ["no", "NON", False, "n", "2"])
def test_no_in_either_language(raw: object) -> None:
    assert parse_answer(q("deception"), raw) is False


@pytest.mark.parametrize(
    "raw", [None, "", "?", "skip", "I don't know", "je ne sais pas", "passer", "unknown"]
)
def test_i_dont_know_leaves_the_answer_open(raw: object) -> None:
    for question_id in ("deception", "victim_age", "topics", "suspect_age", "incident_date", "money_lost"):
        assert parse_answer(q(question_id), raw) is None


def test_a_choice_by_value_number_or_label_in_either_language() -> None:
    question = q("suspect_relationship")
    assert parse_answer(question, "ex_partner") == "ex_partner"
    assert parse_answer(question, "4") == "ex_partner"
    assert parse_answer(question, 4) == "ex_partner"
    assert parse_answer(question, "A former partner") == "ex_partner"
    assert parse_answer(question, "un ancien partenaire") == "ex_partner"


def test_several_choices_are_kept_in_the_interview_order() -> None:
    question = q("platform")
    assert parse_answer(question, "snapchat, 1") == ["instagram", "snapchat"]
    assert parse_answer(question, ["discord", "discord"]) == ["discord"]


def test_ages() -> None:
    assert parse_answer(q("victim_age"), "9") == 9
    assert parse_answer(q("suspect_age"), "adult") == "adult"
    assert parse_answer(q("suspect_age"), "Moins de 18 ans") == "minor"
    assert parse_answer(q("suspect_age"), 34) == 34
    for bad in ("-1", "131", "nine", "9.5"):
        with pytest.raises(AnswerError) as err:
            parse_answer(q("victim_age"), bad)
        assert "0 to 130" in (err.value.hint or "")


def test_amounts() -> None:
    assert parse_answer(q("money_lost"), "$1,250") == 1250
    assert parse_answer(q("money_lost"), "99.50") == 99.5
    with pytest.raises(AnswerError):
        parse_answer(q("money_lost"), "-5")


def test_dates() -> None:
    question = q("incident_date")
    assert parse_answer(question, "2026-11-01", TODAY) == "2026-11-01"
    assert parse_answer(question, date(2026, 11, 2), TODAY) == "2026-11-02"
    assert parse_answer(question, "today", TODAY) == "2026-11-23"
    assert parse_answer(question, "hier", TODAY) == "2026-11-22"
    with pytest.raises(AnswerError) as err:
        parse_answer(question, "2026-12-25", TODAY)
    assert "future" in (err.value.hint or "")
    with pytest.raises(AnswerError):
        parse_answer(question, "last tuesday", TODAY)


def test_an_error_says_what_fits_and_never_repeats_what_was_typed() -> None:
    typed = "my daughter Maya sent it"
    with pytest.raises(AnswerError) as err:
        parse_answer(q("deception"), typed)
    assert "yes or no" in (err.value.hint or "")
    assert typed not in str(err.value) and "Maya" not in str(err.value)
    assert "deception" in err.value.message


def test_an_error_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEKIT_LANG", "fr")
    with pytest.raises(AnswerError) as err:
        parse_answer(q("suspect_location"), "mars")
    assert "Choisissez" in (err.value.hint or "")
