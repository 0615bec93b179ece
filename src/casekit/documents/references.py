"""Sources for the few legal and agency facts the documents state themselves.

Offences, platforms, oversight bodies and ICE units come from the law part's knowledge base through the
bundle.  The standing sentences of the brief and letters (the investigative powers every brief names,
the three reporting and removal services) cite these entries.  Facts from ../shared/research/legal-kb.md
§1-§5 and platforms.md; ``last_verified`` is the as-of date of that research pack's statute consolidation.
"""

from __future__ import annotations

from .views import SourceRef

VERIFIED = "2026-05-31"

CRIMINAL_CODE_POWERS = SourceRef(
    {
        "en": "Criminal Code, R.S.C. 1985, c. C-46, ss. 487.012, 487.014, 487.0195",
        "fr": "Code criminel, L.R.C. 1985, ch. C-46, art. 487.012, 487.014, 487.0195",
    },
    "https://laws-lois.justice.gc.ca/eng/acts/C-46/",
    VERIFIED,
)
MLACMA = SourceRef(
    {
        "en": "Mutual Legal Assistance in Criminal Matters Act, R.S.C. 1985, c. 30 (4th Supp.)",
        "fr": "Loi sur l'entraide juridique en matière criminelle, L.R.C. 1985, ch. 30 (4e suppl.)",
    },
    "https://laws-lois.justice.gc.ca/eng/acts/M-13.6/",
    VERIFIED,
)
NCECC = SourceRef(
    {
        "en": "RCMP: Online child sexual exploitation (NCECC)",
        "fr": "GRC : Exploitation sexuelle des enfants en ligne (CNCEE)",
    },
    "https://www.grc-rcmp.gc.ca/en/online-child-sexual-exploitation",
    VERIFIED,
)
CVBR = SourceRef(
    {
        "en": "Canadian Victims Bill of Rights, S.C. 2015, c. 13, s. 2 (s. 7)",
        "fr": "Charte canadienne des droits des victimes, L.C. 2015, ch. 13, art. 2 (art. 7)",
    },
    "https://laws-lois.justice.gc.ca/eng/acts/C-23.7/",
    VERIFIED,
)
CYBERTIP = SourceRef(
    {"en": "Cybertip.ca: About", "fr": "Cyberaide.ca : À propos"},
    "https://www.cybertip.ca/app/en/about",
    VERIFIED,
)
ARACHNID = SourceRef(
    {"en": "Project Arachnid: File upload FAQ", "fr": "Projet Arachnid : FAQ du téléversement"},
    "https://projectarachnid.ca/en/fileupload/faq",
    VERIFIED,
)
TAKE_IT_DOWN = SourceRef(
    {"en": "NCMEC Take It Down: FAQ", "fr": "NCMEC Take It Down : FAQ"},
    "https://takeitdown.ncmec.org/faq/",
    VERIFIED,
)
OVERSIGHT_NOTE = SourceRef(
    {
        "en": "casekit research pack, legal-kb §4: police complaint and oversight bodies",
        "fr": "dossier de recherche casekit, legal-kb §4 : organismes de plainte et de surveillance policière",
    },
    "https://crcc-ccetp.gc.ca/en/complaint-and-review-process",
    VERIFIED,
)
