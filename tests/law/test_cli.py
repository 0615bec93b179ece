"""casekit assess, kb list and schema facts, as a user meets them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CHILD = """victim_age: 9
suspect_age: adult
platform: [instagram]
suspect_requested_images: true
victim_sent_intimate_image: true
"""
SEXTORTION = """jurisdiction: CA-NS
facts:
  victim_age: 16
  platform: instagram
  victim_sent_intimate_image: true
  threat_to_distribute_image: true
  demand: money
"""


@pytest.fixture
def facts_file(tmp_path: Path):
    def write(text: str, name: str = "facts.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_assess_json_is_one_document_with_the_contract_fields(cli, facts_file):
    result = cli("assess", str(facts_file(CHILD)), "--jurisdiction", "CA-ON", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    found = {(o["section"], o["status"]) for o in doc["offences"]}
    assert {("172.1", "likely"), ("163.1(2)", "likely"), ("163.1(4)", "likely")} <= found
    assert doc["urgency"] == "high"
    assert doc["steps"] and doc["referrals"]
    assert "on_ice" in [r["id"] for r in doc["referrals"]]


def test_sextortion_under_a_facts_key(cli, facts_file):
    doc = json.loads(cli("assess", str(facts_file(SEXTORTION)), "--json").stdout)
    assert ("346", "likely") in {(o["section"], o["status"]) for o in doc["offences"]}
    assert doc["jurisdiction"] == "CA-NS"  # named in the file
    doc = json.loads(cli("assess", str(facts_file(SEXTORTION)), "-j", "CA-AB", "--json").stdout)
    assert doc["jurisdiction"] == "CA-AB"  # the option wins


def test_readable_report_in_english(cli, facts_file):
    result = cli("assess", str(facts_file(CHILD)), "-j", "CA-ON")
    assert result.exit_code == 0
    out = result.stdout
    assert "Luring a child" in out and "likely" in out and "HIGH" in out
    assert "Bertrand Marchand" in out  # the struck minimum is shown with its ruling
    assert "legal information, not legal advice" in out


def test_readable_report_in_french(cli, facts_file):
    result = cli("assess", str(facts_file(CHILD)), "-j", "CA-QC", "--lang", "fr")
    assert result.exit_code == 0
    out = result.stdout
    assert "Leurre" in out and "probable" in out and "ÉLEVÉE" in out
    assert "Sûreté du Québec" in out
    assert "pas un avis juridique" in out


def test_on_date_changes_the_wording(cli, facts_file):
    doc = json.loads(cli("assess", str(facts_file(CHILD)), "--on", "2024-01-01", "--json").stdout)
    titles = [o["title"]["en"] for o in doc["offences"]]
    assert "Possession of child pornography" in titles


def test_bad_yaml_names_the_file_and_line(cli, facts_file):
    result = cli("assess", str(facts_file("victim_age: [9\n", "broken.yaml")))
    assert result.exit_code == 2
    assert "broken.yaml" in result.stderr and "line" in result.stderr
    assert "Traceback" not in result.output


def test_bad_fact_names_the_file_and_key(cli, facts_file):
    result = cli("assess", str(facts_file("victim_age: 9\ndemand: cash\n", "mine.yaml")))
    assert result.exit_code == 2
    assert "mine.yaml" in result.stderr and "'demand'" in result.stderr and "money | images" in result.stderr


def test_unknown_fact_and_missing_file(cli, facts_file, tmp_path):
    result = cli("assess", str(facts_file("victm_age: 9\n")))
    assert result.exit_code == 2 and "'victm_age'" in result.stderr
    result = cli("assess", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2 and "nope.yaml" in result.stderr


def test_not_a_mapping_and_unknown_place(cli, facts_file):
    assert cli("assess", str(facts_file("- victim_age\n"))).exit_code == 2
    result = cli("assess", str(facts_file(CHILD)), "-j", "FR")
    assert result.exit_code == 2 and "'FR'" in result.stderr


def test_nothing_to_assess(cli):
    result = cli("assess")
    assert result.exit_code == 2 and "--case" in result.stderr


def test_assess_a_stored_case(cli, store):
    from casekit.model import Case, Fact
    from casekit.store import CaseRepository, FactRepository

    case = Case(title="test", jurisdiction="CA-MB")
    with store.session() as s:
        CaseRepository(s).add(case)
        for key, value in {
            "victim_age": 15,
            "platform": ["snapchat"],
            "threat_to_distribute_image": True,
            "demand": "money",
        }.items():
            FactRepository(s).set(Fact(case_id=case.id, key=key, value=value))
    doc = json.loads(cli("assess", "--case", case.id, "--json").stdout)
    assert doc["jurisdiction"] == "CA-MB"
    assert ("346", "likely") in {(o["section"], o["status"]) for o in doc["offences"]}


def test_kb_list_json_has_sources_for_every_entry(cli):
    result = cli("kb", "list", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["jurisdictions"] == ["AU", "CA", "GB", "US"]
    assert len(doc["entries"]) > 80
    assert all(e["sources"] and e["last_verified"] for e in doc["entries"])
    kinds = {e["kind"] for e in doc["entries"]}
    assert {"offence", "power", "oversight", "ice_unit", "platform", "tipline"} <= kinds


def test_kb_list_readable(cli):
    result = cli("kb", "list", "-j", "CA")
    assert result.exit_code == 0
    assert "172.1" in result.stdout and "laws-lois.justice.gc.ca" in result.stdout


def test_schema_facts_is_json_schema(cli):
    result = cli("schema", "facts")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "victim_age" in schema["properties"]


def test_report_names_a_law_that_did_not_exist_yet(cli, facts_file):
    text = "victim_age: 22\nplatform: [facebook]\nimage_published_without_consent: true\nincident_date: 2013-06-01\n"
    out = cli("assess", str(facts_file(text))).stdout
    assert "Not applied: s. 162.1" in out and "2015-03-09" in out
    out = cli("kb", "list", "-j", "CA", "--lang", "fr").stdout
    assert "infraction" in out and "pouvoir d'enquête" in out
