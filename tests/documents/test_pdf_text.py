"""What an officer reads in each PDF (pdftotext), in English and French, for both scenarios."""

from __future__ import annotations

import pytest

from casekit.documents import build_brief, build_letter, build_statement, render

from .conftest import flat, pdf_image_count, pdf_pages, pdf_text
from .scenarios import luring_bundle, sextortion_bundle

LANGS = ("en", "fr")


@pytest.fixture(scope="module")
def luring():
    return luring_bundle()


@pytest.fixture(scope="module")
def sextortion():
    return sextortion_bundle()


@pytest.mark.parametrize("lang", LANGS)
def test_brief_luring_cites_facts_exhibits_and_law(luring, lang, tmp_path):
    pdf = render(build_brief(luring, lang), "pdf")
    text = pdf_text(pdf, tmp_path)
    # Title, victim's age with the fact it rests on, the suspect's identifiers.
    assert ("Police brief" if lang == "en" else "Dossier à l'intention de la police") in text
    assert ("The child is 9 years old." if lang == "en" else "L'enfant a 9 ans.") in text
    assert ("[fact victim_age]" if lang == "en" else "[fait victim_age]") in text
    assert "jake_2011_xo" in text and "skaterjake11" in text
    # The key message, as written, with its exhibit and place.
    assert "send me a pic in ur pjs. just for me <3 #secret" in text
    assert "$.chats[0].messages[17]" in text
    assert ("flagged: request for images" if lang == "en" else "signalé : demande d'images") in text
    # Offences with the Criminal Code section, element status and the deciding fact.
    assert (
        "s. 172.1(1)(b): Luring a child (likely)"
        if lang == "en"
        else "art. 172.1(1)(b) : Leurre d'enfant (probable)"
    ) in text
    assert ("not yet known" if lang == "en" else "pas encore connu") in text
    # The element's deciding fact cites the exhibit it was read from, and what proves the element.
    assert (
        "[fact suspect_requested_images] E1" if lang == "en" else "[fait suspect_requested_images] E1"
    ) in text
    assert (
        "Proved by: the messages asking for images"
        if lang == "en"
        else "Se prouve par : les messages demandant des images"
    ) in text
    # Steps: preservation and production to the named platform for the named identifiers.
    assert "487.012" in text and "487.014" in text and "https://less.snapchat.com" in flat(text)
    # Services for an intimate image of a child.
    assert "Project Arachnid" in text or "Projet Arachnid" in text
    assert "Take It Down" in text
    # Evidence index: every exhibit's SHA-256, whole; custody head; police contact.
    for exhibit in luring.exhibits:
        assert exhibit.sha256 in flat(text), exhibit.label
    assert luring.custody.head_hash in flat(text)
    # What the file itself says (photo data), beside the exhibit.
    assert (
        "taken 2026-10-03 18:20:11 -04:00 (photo data); device Apple iPad (9th generation)"
        if lang == "en"
        else "prise le 2026-10-03 18:20:11 -04:00 (données de la photo); appareil Apple iPad (9th generation)"
    ) in text
    assert "HP26-118733" in text and "R. Dunn" in text
    assert (
        "The family holds 3 exhibit(s), 1 of them sensitive and kept as hashes only; this brief quotes 3 message(s)"
        if lang == "en"
        else "La famille détient 3 pièce(s), dont 1 sensible(s) conservée(s) par empreinte seulement; ce dossier cite 3 message(s)"
    ) in text
    # The police contact is on the timeline, in its place in time.
    assert text.index("Mia tells her mother") < text.index(
        "Reported to Hamilton Police Service" if lang == "en" else "Signalement à Hamilton Police Service"
    )
    # Sources carry a last-verified date.
    assert ("last verified 2026-05-31" if lang == "en" else "vérifié le 2026-05-31") in text
    # Page numbers.
    pages = pdf_pages(pdf, tmp_path)
    assert pages >= 2
    assert f"1 / {pages}" in text and f"{pages} / {pages}" in text


@pytest.mark.parametrize("lang", LANGS)
def test_sensitive_item_is_a_hash_and_a_description_never_an_image(luring, lang, tmp_path):
    pdf = render(build_brief(luring, lang), "pdf")
    text = pdf_text(pdf, tmp_path)
    sensitive = luring.sensitive_exhibits[0]
    assert sensitive.md5 in flat(text) and sensitive.pdq in flat(text)
    assert (
        "hash only: sensitive, not copied" if lang == "en" else "empreinte seulement : sensible, non copiée"
    ) in text
    assert pdf_image_count(pdf, tmp_path) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_brief_sextortion(sextortion, lang, tmp_path):
    text = pdf_text(render(build_brief(sextortion, lang), "pdf"), tmp_path)
    assert ("Extortion (likely)" if lang == "en" else "Extorsion (probable)") in text
    assert "346(1)" in text and "162.1(1)" in text
    assert ("IMMINENT" if lang == "en" else "IMMINENTE") in text
    # Suspect abroad: mutual legal assistance is among the steps.
    assert ("Mutual Legal Assistance" if lang == "en" else "entraide juridique") in text
    assert "chloe.xo.2009" in text and "https://www.facebook.com/records" in flat(text)
    assert ("Money lost: 250 $." if lang == "en" else "Somme perdue : 250 $.") in text
    assert "Kids Help Phone" in text
    assert "Pay 500$ in Steam cards or I send ur pic to all ur followers." in text
    assert "Léo Gagnon" in text and "LAV-26-04412" in text


@pytest.mark.parametrize("lang", LANGS)
def test_statement_first_person_chronological_signed(scenario, lang, tmp_path):
    name, bundle = scenario
    text = pdf_text(render(build_statement(bundle, lang), "pdf"), tmp_path)
    reporter = bundle.reporter.names[0]
    assert (f"My name is {reporter}." if lang == "en" else f"Je m'appelle {reporter}.") in text
    titles = [e.title for e in bundle.timeline]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions), "events are told in time order"
    for exhibit in bundle.exhibits:
        assert exhibit.label in text and exhibit.sha256 in flat(text)
    for label in ("Signature", "Date") if lang == "en" else ("Signature", "Date", "Témoin"):
        assert label in text
    assert (
        "true to the best of my knowledge" if lang == "en" else "véridique au meilleur de ma connaissance"
    ) in text
    if name == "luring":
        assert "a boy called Jake from Roblox" in text  # her own words, verbatim


@pytest.mark.parametrize("lang", LANGS)
def test_preservation_letter_names_accounts_and_where_to_send(scenario, lang, tmp_path):
    _name, bundle = scenario
    platform = bundle.platform_names[0]
    text = pdf_text(render(build_letter(bundle, "preservation", lang), "pdf"), tmp_path)
    handles = [h.value for p in bundle.suspects for h in p.handles if h.platform == platform]
    assert handles and all(h in text for h in handles)
    assert "487.012" in text and "487.0195" in text
    view = bundle.platform(platform)
    assert view.law_enforcement_url in flat(text)
    assert ("Please confirm in writing" if lang == "en" else "Veuillez me confirmer par écrit") in text


@pytest.mark.parametrize("lang", LANGS)
def test_escalation_letter_says_who_declined_and_why_that_is_wrong(scenario, lang, tmp_path):
    _name, bundle = scenario
    text = pdf_text(render(build_letter(bundle, "escalation", lang), "pdf"), tmp_path)
    contact = bundle.contacts[0]
    assert contact.officer_name in text and contact.file_number in text and contact.agency in text
    assert contact.outcome.split(":")[0] in text
    for offence in bundle.assessment.offences:
        assert offence.section in text
    assert ("Watch Commander" if lang == "en" else "Chef de quart") in text
    assert (
        "Canadian Victims Bill of Rights" if lang == "en" else "Charte canadienne des droits des victimes"
    ) in text


@pytest.mark.parametrize("lang", LANGS)
def test_complaint_letter_goes_to_the_oversight_body(luring, lang, tmp_path):
    text = pdf_text(render(build_letter(luring, "complaint", lang), "pdf"), tmp_path)
    assert (
        "Law Enforcement Complaints Agency"
        if lang == "en"
        else "Agence des plaintes contre les forces de l'ordre"
    ) in text
    assert "655 Bay Street, 10th Floor" in text
    assert "HP26-118733" in text
    assert ("Complaint about a police response" if lang == "en" else "Plainte concernant") in text


def test_complaint_without_a_known_oversight_body_says_so(sextortion, tmp_path):
    text = pdf_text(render(build_letter(sextortion, "complaint", "en"), "pdf"), tmp_path)
    assert "oversight body for CA-QC: not in casekit's knowledge base yet" in text


def test_pdf_embeds_only_bundled_fonts_that_carry_french(luring, tmp_path):
    import subprocess

    path = tmp_path / "f.pdf"
    path.write_bytes(render(build_brief(luring, "fr"), "pdf"))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "LibertinusSerif" in fonts and "DejaVuSansMono" in fonts
    assert all(
        " yes yes yes " in line for line in fonts.splitlines()[2:] if line.strip()
    )  # embedded, subset, unicode
    text = pdf_text(path.read_bytes(), tmp_path)
    assert "Déroulement des faits" in text and "Élément de l'infraction" in text and "Âge" in text


def test_pdfs_are_pdf_a_for_records_systems(luring):
    pdf = render(build_brief(luring, "en"), "pdf")
    assert b"<pdfaid:part>2</pdfaid:part>" in pdf or b'pdfaid:part="2"' in pdf
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in pdf or b'pdfaid:conformance="B"' in pdf
