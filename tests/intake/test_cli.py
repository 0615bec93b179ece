"""casekit intake and casekit facts, as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intake"


def _new_case(cli, jurisdiction: str = "CA-ON") -> str:
    result = cli("case", "new", "Intake CLI test (synthetic)", "--jurisdiction", jurisdiction, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["id"]


def _facts(cli, case_id: str) -> dict:
    result = cli("facts", "--case", case_id, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_luring_example_fills_the_facts_and_ends_with_the_assessment(cli) -> None:
    case_id = _new_case(cli)
    result = cli("intake", "--case", case_id, "--answers", str(EXAMPLES / "luring-child-under-10.yaml"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "While you wait" in out and "In the next hour" in out
    assert "Report to Cybertip.ca" in out and "watch commander" in out
    assert out.index("Report to Cybertip.ca") < out.index("Ask for the watch commander")
    assert "What the law may say" in out
    assert "172.1" in out  # the law engine's assessment is shown
    facts = _facts(cli, case_id)
    assert facts["facts"]["victim_age"] == 9 and facts["facts"]["image_depicts_minor"] is True
    by_key = {d["key"]: d for d in facts["details"]}
    assert by_key["victim_age"]["provenance"] == "intake:victim_age"
    assert by_key["victim_age"]["source"] == "user"


def test_json_output_is_one_document(cli) -> None:
    case_id = _new_case(cli)
    result = cli("intake", "--case", case_id, "--answers", str(EXAMPLES / "sextortion-teen.yaml"), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["status"] == "finished" and doc["next_question"] is None
    assert [a["id"] for a in doc["next_hour"]][:2] == ["report_cybertip", "preserve_records"]
    assert "stop_paying" in [a["id"] for a in doc["while_you_wait"]]
    assert doc["facts"]["money_lost"] == 250
    assert doc["assessment"]["urgency"] in ("high", "imminent")
    assert any(o["section"] == "346" and o["status"] == "likely" for o in doc["assessment"]["offences"])


def test_imminent_danger_example_stops_and_says_call_911(cli) -> None:
    case_id = _new_case(cli)
    result = cli("intake", "--case", case_id, "--answers", str(EXAMPLES / "imminent-danger.yaml"))
    assert result.exit_code == 0, result.output
    assert "Call 911 now" in result.stdout
    assert "While you wait" not in result.stdout and "What the law may say" not in result.stdout
    doc = json.loads(
        cli("intake", "--case", case_id, "--answers", str(EXAMPLES / "imminent-danger.yaml"), "--json").stdout
    )
    assert doc["status"] == "stopped" and doc["stop_reasons"] == ["meeting_arranged"]
    assert doc["assessment"] is None


def test_french_run(cli) -> None:
    case_id = _new_case(cli)
    result = cli("intake", "--case", case_id, "--answers", str(EXAMPLES / "exemple-sextorsion-fr.yaml"))
    assert result.exit_code == 0, result.output
    assert "En attendant" in result.stdout and "Dans l'heure qui vient" in result.stdout
    assert "Cyberaide.ca" in result.stdout
    shown = cli("facts", "--case", case_id, "--lang", "fr")
    assert "Âge de la victime" in shown.stdout and "entrevue" in shown.stdout


def test_a_bad_answer_file_changes_nothing_and_says_which_question(cli, tmp_path: Path) -> None:
    case_id = _new_case(cli)
    bad = tmp_path / "answers.yaml"
    bad.write_text("answers:\n  danger_now: [none]\n  victim_age: my son Leo\n", encoding="utf-8")
    result = cli("intake", "--case", case_id, "--answers", str(bad))
    assert result.exit_code == 2
    assert "victim_age" in result.stderr and "Nothing was saved" in result.stderr
    assert "Leo" not in result.stderr  # what was typed is never echoed
    assert _facts(cli, case_id)["facts"] == {}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("answers:\n  victim_agee: 9\n", "victim_agee"),
        ("just: text\n", "no 'answers:' mapping"),
        ("answers: [1, 2\n", "YAML error at line"),
        ("answers: {}\ncolour: red\n", "unknown key 'colour'"),
    ],
)
def test_answer_file_mistakes_are_plain_errors(cli, tmp_path: Path, content: str, expected: str) -> None:
    case_id = _new_case(cli)
    path = tmp_path / "a.yaml"
    path.write_text(content, encoding="utf-8")
    result = cli("intake", "--case", case_id, "--answers", str(path))
    assert result.exit_code == 2
    assert expected in result.stderr


def test_missing_answer_file_and_json_without_answers(cli, tmp_path: Path) -> None:
    case_id = _new_case(cli)
    result = cli("intake", "--case", case_id, "--answers", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2 and "nope.yaml" in result.stderr
    result = cli("intake", "--case", case_id, "--json")
    assert result.exit_code == 2 and "--answers" in result.stderr


def test_unknown_case(cli) -> None:
    result = cli("intake", "--case", "nosuchcase00", "--answers", str(EXAMPLES / "danger-abroad.yaml"))
    assert result.exit_code == 2 and "nosuchcase00" in result.stderr


def test_a_partial_answer_file_leaves_the_rest_for_the_terminal(cli, tmp_path: Path) -> None:
    case_id = _new_case(cli)
    path = tmp_path / "start.yaml"
    path.write_text("answers:\n  danger_now: [none]\n  who_answers: parent\n", encoding="utf-8")
    result = cli("intake", "--case", case_id, "--answers", str(path))
    assert result.exit_code == 0
    assert "next question is 'victim_age'" in result.stdout
    doc = json.loads(cli("intake", "--case", case_id, "--answers", str(path), "--json").stdout)
    assert doc["status"] == "asking"
    assert doc["next_question"]["id"] == "victim_age" and doc["next_question"]["type"] == "integer"
    assert doc["next_question"]["why"] and doc["next_question"]["section_title"]


def test_interactive_interview_through_stdin(cli) -> None:
    case_id = _new_case(cli)
    lines = [
        "4",  # danger_now: nobody in danger
        "2",  # who_answers: parent
        "",  # empty: asked again
        "nine",  # not a number: asked again, calmly
        "9",  # victim_age
        "b",  # back: victim_age is asked again
        "8",
        "?",  # incident_date: don't know
        "1,2",  # topics: contact, images
        "1",  # platform: instagram
        "q",  # stop for now
    ]
    result = cli("intake", "--case", case_id, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Before anything else: is anyone in danger right now?" in out
    assert "Why we ask:" in out and "[a number] > " in out
    assert "Please type an answer" in out and "Give a whole number from 0 to 130" in out
    assert f"casekit intake --case {case_id}" in out  # how to come back
    assert "Don't delete anything" in out  # leaving early still gives the checklist
    facts = _facts(cli, case_id)["facts"]
    assert facts["victim_age"] == 8 and facts["platform"] == ["instagram"]
    # Coming back: it continues with the conversation questions, not from the start.
    result = cli("intake", "--case", case_id, input="q\n")
    assert "Welcome back" in result.stdout
    assert "pretend to be someone they are not" in result.stdout
    assert "is anyone in danger" not in result.stdout


def test_interactive_stop_then_safe_later(cli) -> None:
    case_id = _new_case(cli)
    result = cli("intake", "--case", case_id, input="3\n1\n")  # self-harm, here
    assert result.exit_code == 0
    assert "9-8-8" in result.stdout and "Someone may be in danger" in result.stdout
    result = cli("intake", "--case", case_id, input="no\n")
    assert "Is everyone safe now" in result.stdout and "9-8-8" in result.stdout
    result = cli("intake", "--case", case_id, input="yes\nq\n")
    assert "Who is answering these questions?" in result.stdout


def test_facts_set_show_and_unset(cli) -> None:
    case_id = _new_case(cli)
    assert "No facts are recorded" in cli("facts", "--case", case_id).stdout
    result = cli("facts", "set", "--case", case_id, "platform", "Insta, snapchat")
    assert result.exit_code == 0, result.output
    assert _facts(cli, case_id)["facts"]["platform"] == ["instagram", "snapchat"]
    assert cli("facts", "set", "--case", case_id, "victim_age", "9").exit_code == 0
    assert cli("facts", "set", "--case", case_id, "secrecy_requested", "oui").exit_code == 0
    assert cli("facts", "set", "--case", case_id, "incident_date", "2026-11-02").exit_code == 0
    facts = _facts(cli, case_id)
    assert facts["facts"]["victim_age"] == 9 and facts["facts"]["secrecy_requested"] is True
    assert facts["facts"]["incident_date"] == "2026-11-02"
    assert {d["provenance"] for d in facts["details"]} == {"casekit facts set"}
    shown = cli("facts", "--case", case_id)
    assert "set by hand" in shown.stdout and "Victim's age" in shown.stdout
    assert cli("facts", "set", "--case", case_id, "victim_age", "unknown").exit_code == 0
    assert "victim_age" not in _facts(cli, case_id)["facts"]
    result = cli("facts", "unset", "--case", case_id, "platform")
    assert result.exit_code == 0 and "unknown" in result.stdout


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [("victim_agee", "9", "victim_agee"), ("victim_age", "nine", "victim_age"), ("demand", "love", "money")],
)
def test_facts_set_refuses_what_the_vocabulary_does_not_allow(
    cli, key: str, value: str, expected: str
) -> None:
    case_id = _new_case(cli)
    result = cli("facts", "set", "--case", case_id, key, value)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert _facts(cli, case_id)["facts"] == {}


def test_facts_without_a_case(cli) -> None:
    result = cli("facts")
    assert result.exit_code == 2 and "--case" in result.stderr


def test_a_place_without_legal_knowledge_still_gets_the_advice(cli) -> None:
    case_id = _new_case(cli, jurisdiction="NZ")
    result = cli("intake", "--case", case_id, "--answers", str(EXAMPLES / "adult-intimate-image.yaml"))
    assert result.exit_code == 0, result.output
    assert "While you wait" in result.stdout
    assert "no legal knowledge for this case's place" in result.stdout


def test_restart_clears_the_interview_but_not_hand_set_facts(cli) -> None:
    case_id = _new_case(cli)
    cli("intake", "--case", case_id, "--answers", str(EXAMPLES / "adult-intimate-image.yaml"))
    cli("facts", "set", "--case", case_id, "suspect_location", "abroad")
    result = cli("intake", "--case", case_id, "--restart", input="q\n")
    assert result.exit_code == 0
    assert "were cleared" in result.stdout and "is anyone in danger" in result.stdout
    assert _facts(cli, case_id)["facts"] == {"suspect_location": "abroad"}


def test_interactive_interview_in_french(cli) -> None:
    case_id = _new_case(cli)
    result = cli("intake", "--case", case_id, "--lang", "fr", input="4\n1\nneuf\nq\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Avant tout : quelqu'un est-il en danger en ce moment ?" in out
    assert "Pourquoi nous le demandons :" in out and "[un ou plusieurs numéros" in out
    assert "Donnez un nombre entier de 0 à 130" in out
    assert "Arrêt pour l'instant" in out
    # Resuming without --lang keeps French: the language the interview was started in.
    assert "Bon retour" in cli("intake", "--case", case_id, input="q\n").stdout


def test_safety_confirmed_in_an_answer_file_goes_on_past_the_stop(cli, tmp_path: Path) -> None:
    case_id = _new_case(cli)
    path = tmp_path / "safe.yaml"
    path.write_text(
        (EXAMPLES / "imminent-danger.yaml").read_text(encoding="utf-8") + "safety_confirmed: true\n",
        encoding="utf-8",
    )
    doc = json.loads(cli("intake", "--case", case_id, "--answers", str(path), "--json").stdout)
    assert doc["status"] == "asking" and doc["next_question"]["id"] == "who_answers"
    assert doc["facts"]["meeting_proposed"] is True
