"""The knowledge base: every entry sourced and dated, French everywhere, broken files named precisely."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from casekit.errors import KnowledgeBaseError
from casekit.law import kb
from casekit.law.kb import DATA, load_pack, load_platforms

ISSUE_SECTIONS = [
    "172.1", "172.2", "171.1", "152", "163.1(2)", "163.1(3)", "163.1(4)", "163.1(4.1)", "162.1", "162(1)",
    "264", "264.1", "346", "372(1)", "372(2)", "372(3)", "184(1)", "402.2(1)", "403", "342.1", "430(1.1)",
    "380(1)", "241(1)",
]  # fmt: skip
PROVINCES = ["AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK"]


def all_entries():
    for code in kb.jurisdictions():
        pack = kb.load(code).pack
        yield from pack.offences
        yield from pack.provisions
        yield from pack.agencies
    yield from kb.platforms()


def test_every_pack_loads():
    assert kb.jurisdictions() == ["AU", "CA", "GB", "US"]
    assert kb.load("UK") is kb.load("GB")


@pytest.mark.parametrize("entry", list(all_entries()), ids=lambda e: e.id)
def test_every_entry_has_sources_and_a_date(entry):
    assert entry.sources, f"{entry.id} has no source"
    assert all(s.url.startswith(("http://", "https://")) and s.title for s in entry.sources)
    assert isinstance(entry.last_verified, date) and entry.last_verified <= date(2026, 12, 31)


def test_canada_has_every_offence_the_issue_lists():
    sections = {o.section for o in kb.offences("CA")}
    assert set(ISSUE_SECTIONS) <= sections


def test_canada_powers_and_jurisdiction_rules():
    ids = {p.id for p in kb.provisions("CA")}
    for power in ("487.012", "487.013", "487.014", "487.015", "487.016", "487.017", "487.018"):
        assert f"CA-{power}" in ids
    assert {"CA-mlacma", "CA-7-4.1", "CA-libman", "CA-isp-reporting"} <= ids


def test_every_offence_title_and_summary_is_in_french():
    for code in kb.jurisdictions():
        for off in kb.offences(code):
            for version in off.versions:
                assert version.title.fr.strip() and version.summary.fr.strip()
                if code == "CA":  # Canadian law is bilingual: the French must be a translation, not a copy
                    assert version.title.fr != version.title.en, off.id
                    assert version.summary.fr != version.summary.en, off.id


@pytest.mark.parametrize("province", PROVINCES)
def test_every_province_has_an_oversight_body(province):
    body = kb.oversight_body(f"CA-{province}")
    assert body is not None and body.regions == [f"CA-{province}"]
    assert "crcc" in [b.id for b in kb.oversight_bodies(f"CA-{province}")]


@pytest.mark.parametrize("territory", ["YT", "NU"])
def test_territories_fall_back_to_the_rcmp_body(territory):
    assert kb.oversight_body(f"CA-{territory}").id == "crcc"


def test_ice_unit_and_agencies_for_ontario():
    assert [a.id for a in kb.ice_units("CA-ON")] == ["on_ice"]
    ids = {a.id for a in kb.agencies("CA-ON")}
    assert {
        "cybertip",
        "needhelpnow",
        "cafc",
        "rcmp_nc3",
        "rcmp_ncecc",
        "crisis_988",
        "kids_help_phone",
    } <= ids
    assert "bc_ice" not in ids


@pytest.mark.parametrize(
    "name",
    ["instagram", "facebook", "messenger", "whatsapp", "snapchat", "tiktok", "discord", "telegram", "x", "roblox",
     "youtube", "imessage", "xbox"],
)  # fmt: skip
def test_major_platforms_say_where_to_report_and_where_police_go(name):
    plat = kb.platform(name)
    assert plat is not None
    assert plat.user_report.en and plat.law_enforcement.preservation.en
    assert kb.platform("Twitter").id == "x"


def test_struck_minimums_carry_the_ruling():
    luring = next(o for o in kb.offences("CA") if o.section == "172.1")
    struck = luring.versions[-1].penalty.minimum_struck
    assert struck.ruling.startswith("R v Bertrand Marchand") and struck.decided == date(2023, 11, 3)
    possession = next(o for o in kb.offences("CA") if o.section == "163.1(4)")
    assert "Senneville" in possession.versions[-1].penalty.minimum_struck.ruling


def test_csaem_renaming_is_dated():
    making = next(o for o in kb.offences("CA") if o.section == "163.1(2)")
    assert making.version_on(date(2025, 10, 9)).title.en == "Making child pornography"
    assert (
        making.version_on(date(2025, 10, 10)).title.en
        == "Making child sexual abuse and exploitation material"
    )


def test_an_offence_does_not_exist_before_it_took_effect():
    ncii = next(o for o in kb.offences("CA") if o.section == "162.1")
    assert ncii.version_on(date(2015, 3, 8)) is None
    assert ncii.version_on(date(2015, 3, 9)) is not None


def test_unknown_jurisdiction_is_a_plain_error():
    with pytest.raises(KnowledgeBaseError) as err:
        kb.load("FR")
    assert "'FR'" in err.value.message and "CA" in err.value.hint


@pytest.fixture
def ca_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "CA"
    shutil.copytree(DATA / "CA", folder)
    return folder


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_entry_without_last_verified_names_file_entry_and_field(ca_copy):
    _break(ca_copy / "offences_3_threats.yaml", "    last_verified: 2026-11-23\n", "")
    with pytest.raises(KnowledgeBaseError) as err:
        load_pack(ca_copy)
    msg = err.value.message
    assert "offences_3_threats.yaml" in msg and "'CA-346'" in msg and "'last_verified'" in msg


def test_entry_without_sources_is_refused(ca_copy):
    _break(
        ca_copy / "agencies.yaml",
        '    sources: [{url: "https://www.protectkidsonline.ca',
        '    sources: []\n    x: [{url: "https://www.protectkidsonline.ca',
    )
    with pytest.raises(KnowledgeBaseError) as err:
        load_pack(ca_copy)
    assert "agencies.yaml" in err.value.message and "emergency_911" in err.value.message


def test_condition_on_an_unknown_fact_is_refused(ca_copy):
    _break(
        ca_copy / "offences_3_threats.yaml",
        "{fact: threat_of_death_or_bodily_harm}",
        "{fact: threat_of_doom}",
    )
    with pytest.raises(KnowledgeBaseError) as err:
        load_pack(ca_copy)
    assert "threat_of_doom" in err.value.message and "CA-346" in err.value.message


def test_broken_yaml_names_the_line(ca_copy):
    (ca_copy / "zz_broken.yaml").write_text("offences:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        load_pack(ca_copy)
    assert "zz_broken.yaml" in err.value.message and "line" in err.value.message


def test_missing_french_is_refused(ca_copy):
    _break(ca_copy / "offences_3_threats.yaml", ', fr: "Extorsion (y compris la sextorsion)"', "")
    with pytest.raises(KnowledgeBaseError) as err:
        load_pack(ca_copy)
    assert "CA-346" in err.value.message and "fr" in err.value.message


def test_reference_to_a_missing_power_is_refused(ca_copy):
    _break(
        ca_copy / "offences_3_threats.yaml",
        "powers: [CA-487.012, CA-487.0131",
        "powers: [CA-487.999, CA-487.0131",
    )
    with pytest.raises(KnowledgeBaseError) as err:
        load_pack(ca_copy)
    assert "CA-487.999" in err.value.message


def test_duplicate_platform_is_refused(tmp_path):
    text = (DATA / "platforms.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "platforms.yaml"
    bad.write_text(text.replace("  - id: facebook\n", "  - id: instagram\n", 1), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        load_platforms(bad)
    assert "instagram" in err.value.message


def test_every_canadian_step_is_traceable():
    pack = kb.load("CA").pack
    for step in pack.steps:
        assert step.agency or step.provision or step.sources, step.id
