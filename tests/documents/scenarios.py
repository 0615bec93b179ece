"""Two synthetic cases built directly from model objects (no store, no other part needed).

* ``luring_bundle``: a 9-year-old lured on Roblox then Snapchat; an intimate image kept hash-only.
* ``sextortion_bundle``: a 15-year-old extorted on Instagram by a suspect abroad; gift cards paid.
Every name, handle, message and hash here is made up.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from casekit.documents.bundle import CaseBundle
from casekit.documents.views import (
    AgencyView,
    AssessmentView,
    CustodyLog,
    CustodyView,
    ElementView,
    KeyMessage,
    OffenceView,
    PlatformView,
    SourceRef,
    StepView,
)
from casekit.model import (
    Case,
    Contact,
    ContactKind,
    Exhibit,
    Fact,
    Handle,
    Person,
    PersonRole,
    TimelineEvent,
)

CC = SourceRef(
    "Criminal Code, R.S.C. 1985, c. C-46", "https://laws-lois.justice.gc.ca/eng/acts/C-46/", "2026-05-31"
)
T0 = datetime(2026, 10, 3, 18, 5, tzinfo=UTC)


def sha(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def _facts(case_id: str, values: dict) -> dict[str, Fact]:
    return {
        k: Fact(case_id=case_id, key=k, value=v, provenance=PROVENANCE.get(k, f"intake:{k}"))
        for k, v in values.items()
    }


# Facts read from an exhibit say so in their provenance; the brief then cites the exhibit beside the fact.
PROVENANCE = {
    "suspect_requested_images": f"message $.chats[0].messages[17] in {hashlib.sha256(b'snapchat export').hexdigest()}"
}


def _custody(exhibits: list[Exhibit]) -> CustodyLog:
    entries = []
    prev = "0" * 64
    for i, e in enumerate(exhibits):
        h = sha(f"entry{i}{prev}")
        entries.append(
            CustodyView(
                when=e.acquired,
                actor="Claire Tremblay",
                action="acquired",
                exhibit=e.label,
                entry_hash=h,
                previous_hash=prev,
            )
        )
        prev = h
    return CustodyLog(
        entries=tuple(entries),
        head_hash=prev,
        head_signature="ab" * 32,
        public_key_pem="-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAtestkeyonlytestkeyonlytestkeyonly00=\n-----END PUBLIC KEY-----\n",
    )


def luring_bundle() -> CaseBundle:
    case = Case(id="a1b2c3d4e5f6", title="Roblox and Snapchat contact with Mia", jurisdiction="CA-ON")
    cid = case.id
    people = [
        Person(
            case_id=cid, role=PersonRole.victim, names=["Mia Tremblay"], age=9, location="Hamilton, Ontario"
        ),
        Person(
            case_id=cid, role=PersonRole.reporter, names=["Claire Tremblay"], location="Hamilton, Ontario"
        ),
        Person(
            case_id=cid,
            role=PersonRole.suspect,
            aliases=["Jake"],
            handles=[
                Handle(platform="Roblox", value="jake_2011_xo"),
                Handle(platform="Snapchat", value="skaterjake11"),
            ],
        ),
    ]
    facts = _facts(
        cid,
        {
            "victim_age": 9,
            "platform": ["Roblox", "Snapchat"],
            "suspect_age": "adult",
            "suspect_location": "unknown",
            "deception": True,
            "sexualized_questions": True,
            "secrecy_requested": True,
            "moved_to_private_platform": True,
            "suspect_requested_images": True,
            "victim_sent_intimate_image": True,
            "image_depicts_minor": True,
            "meeting_proposed": False,
            "reporter_relationship": "mother",
            "narrative": "Mia told me on 12 October that a boy called Jake from Roblox had asked her for pictures. "
            "I found the Snapchat messages on her tablet the same evening.",
        },
    )
    e1 = Exhibit(
        case_id=cid,
        number=1,
        sha256=sha("snapchat export"),
        size=48213,
        original_name="mydata~snapchat.zip",
        media_type="application/zip",
        note="Snapchat 'My Data' export of Mia's account",
        acquired=T0 + timedelta(days=10),
    )
    e2 = Exhibit(
        case_id=cid,
        number=2,
        sha256=sha("roblox profile"),
        size=203117,
        original_name="roblox_profile_jake.png",
        media_type="image/png",
        md5=hashlib.md5(b"roblox profile").hexdigest(),
        note="Screenshot of the Roblox profile jake_2011_xo",
        metadata={
            "image": {
                "exif": {
                    "taken": "2026:10:03 18:20:11",
                    "taken_offset": "-04:00",
                    "make": "Apple",
                    "model": "iPad (9th generation)",
                }
            }
        },
        acquired=T0 + timedelta(days=10, minutes=4),
    )
    e3 = Exhibit(
        case_id=cid,
        number=3,
        sha256=sha("sensitive image"),
        size=1811234,
        original_name="IMG_0412.HEIC",
        original_path="Mia's tablet, Photos",
        media_type="image/heic",
        md5=hashlib.md5(b"sensitive").hexdigest(),
        pdq="f" * 64,
        pdq_quality=92,
        sensitive=True,
        stored=False,
        note="image the suspect asked for, sent by Mia on 9 October",
        acquired=T0 + timedelta(days=10, minutes=9),
    )
    exhibits = [e1, e2, e3]
    messages = [
        KeyMessage(
            T0 + timedelta(days=2, hours=1),
            "skaterjake11",
            "ur so mature for 9 lol. dont tell ur mom we talk ok?",
            "Snapchat",
            "E1",
            e1.sha256,
            "$.chats[0].messages[4]",
            "secrecy",
        ),
        KeyMessage(
            T0 + timedelta(days=4, hours=2),
            "skaterjake11",
            "send me a pic in ur pjs. just for me <3 #secret",
            "Snapchat",
            "E1",
            e1.sha256,
            "$.chats[0].messages[17]",
            "image_request",
        ),
        KeyMessage(
            T0 + timedelta(days=6),
            "skaterjake11",
            "delete this chat after ok",
            "Snapchat",
            "E1",
            e1.sha256,
            "$.chats[0].messages[31]",
            "secrecy",
        ),
    ]
    timeline = [
        TimelineEvent(
            case_id=cid,
            when=T0,
            title="First contact on Roblox",
            detail="jake_2011_xo sends a friend request in a game.",
            source="user",
        ),
        TimelineEvent(
            case_id=cid,
            when=T0 + timedelta(days=1),
            title="Moves to Snapchat",
            detail="Asks Mia to add skaterjake11.",
            source="exhibit",
            reference=e1.sha256,
        ),
        TimelineEvent(
            case_id=cid,
            when=T0 + timedelta(days=6),
            title="Image sent",
            detail="Mia sends the image he asked for (E3, hash only).",
            source="exhibit",
            reference=e3.sha256,
        ),
        TimelineEvent(case_id=cid, when=T0 + timedelta(days=9), title="Mia tells her mother", source="user"),
    ]
    contacts = [
        Contact(
            case_id=cid,
            when=T0 + timedelta(days=10, hours=3),
            kind=ContactKind.call,
            agency="Hamilton Police Service",
            officer_name="R. Dunn",
            badge_number="4471",
            rank="Cst.",
            file_number="HP26-118733",
            summary="Reported the messages and the image request.",
            outcome="Declined: nothing can be done because the account is anonymous.",
        ),
    ]
    luring = OffenceView(
        section="172.1(1)(b)",
        title={"en": "Luring a child", "fr": "Leurre d'enfant"},
        status="likely",
        summary={
            "en": "Communicating by computer with a person under 16 to facilitate a sexual offence.",
            "fr": "Communiquer par ordinateur avec une personne de moins de 16 ans pour faciliter une infraction sexuelle.",
        },
        elements=(
            ElementView(
                {
                    "en": "Communication by means of telecommunication",
                    "fr": "Communication par télécommunication",
                },
                "met",
                "platform",
                ["Roblox", "Snapchat"],
            ),
            ElementView(
                {
                    "en": "The child is, or is believed to be, under 16",
                    "fr": "L'enfant a, ou est cru avoir, moins de 16 ans",
                },
                "met",
                "victim_age",
                9,
            ),
            ElementView(
                {
                    "en": "For the purpose of facilitating a listed sexual offence",
                    "fr": "Dans le but de faciliter une infraction sexuelle visée",
                },
                "met",
                "suspect_requested_images",
                True,
                ({"en": "the messages asking for images", "fr": "les messages demandant des images"},),
            ),
        ),
        sources=(CC,),
        max_penalty={"en": "14 years (indictable)", "fr": "14 ans (acte criminel)"},
    )
    making = OffenceView(
        section="163.1(2)",
        title={
            "en": "Making child sexual abuse and exploitation material",
            "fr": "Production de matériel d'abus et d'exploitation sexuels d'enfants",
        },
        status="possible",
        elements=(
            ElementView(
                {"en": "An image of a person under 18", "fr": "Une image d'une personne de moins de 18 ans"},
                "met",
                "image_depicts_minor",
                True,
            ),
            ElementView(
                {"en": "The suspect caused the image to be made", "fr": "Le suspect a fait produire l'image"},
                "unknown",
            ),
        ),
        sources=(CC,),
    )
    assessment = AssessmentView(
        offences=(luring, making),
        urgency="high",
        urgency_reasons=(
            {
                "en": "platform data may be deleted",
                "fr": "les données de la plateforme pourraient être supprimées",
            },
        ),
        steps=(
            StepView(
                {
                    "en": "Do not confront the suspect or delete the accounts.",
                    "fr": "Ne confrontez pas le suspect et ne supprimez pas les comptes.",
                }
            ),
        ),
        questions=(
            {
                "en": "Did he propose to meet Mia in person?",
                "fr": "A-t-il proposé de rencontrer Mia en personne ?",
            },
        ),
    )
    platforms = {
        "snapchat": PlatformView(
            "Snapchat",
            {
                "en": "Snap Inc., Law Enforcement Service Site",
                "fr": "Snap Inc., Law Enforcement Service Site",
            },
            "https://less.snapchat.com",
            address=(
                "Snap Inc.",
                "Law Enforcement Operations",
                "2772 Donald Douglas Loop N",
                "Santa Monica, CA 90405",
            ),
            source=SourceRef(
                "Snap: Safety enforcement",
                "https://www.snap.com/en-US/safety/safety-enforcement",
                "2026-05-31",
            ),
        ),
        "roblox": PlatformView(
            "Roblox",
            "Kodex portal",
            "https://app.kodexglobal.com/roblox/signin",
            source=SourceRef(
                "Roblox: Help Center FAQs for Law Enforcement", "https://en.help.roblox.com/", "2026-05-31"
            ),
        ),
    }
    oversight = AgencyView(
        name={
            "en": "Law Enforcement Complaints Agency (LECA)",
            "fr": "Agence des plaintes contre les forces de l'ordre (APFO)",
        },
        how="https://leca.ca",
        url="https://leca.ca",
        address=("Law Enforcement Complaints Agency", "655 Bay Street, 10th Floor", "Toronto, ON  M7A 2T4"),
        source=SourceRef(
            "LECA: About", "https://leca.ca/about-us/legislation-rules-regulations/", "2026-05-31"
        ),
    )
    ice = AgencyView(
        name="Ontario Provincial Strategy, Internet Child Exploitation units",
        how="through the local police service",
    )
    return CaseBundle(
        case=case,
        people=people,
        facts=facts,
        contacts=contacts,
        timeline=timeline,
        exhibits=exhibits,
        custody=_custody(exhibits),
        messages=messages,
        assessment=assessment,
        platforms=platforms,
        oversight=oversight,
        ice_unit=ice,
        generated=datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
    )


def sextortion_bundle() -> CaseBundle:
    case = Case(id="0f9e8d7c6b5a", title="Instagram sextortion of Léo", jurisdiction="CA-QC")
    cid = case.id
    people = [
        Person(case_id=cid, role=PersonRole.victim, names=["Léo Gagnon"], age=15, location="Laval, Québec"),
        Person(case_id=cid, role=PersonRole.reporter, names=["Hélène Gagnon"], location="Laval, Québec"),
        Person(
            case_id=cid,
            role=PersonRole.suspect,
            aliases=["Chloé"],
            handles=[
                Handle(platform="Instagram", value="chloe.xo.2009"),
                Handle(platform="Instagram", value="17841400000000000", kind="id"),
            ],
        ),
    ]
    facts = _facts(
        cid,
        {
            "victim_age": 15,
            "platform": ["Instagram"],
            "suspect_location": "abroad",
            "deception": True,
            "victim_sent_intimate_image": True,
            "image_depicts_minor": True,
            "threat_to_distribute_image": True,
            "demand": "money",
            "payment_made": True,
            "payment_method": "gift_card",
            "money_lost": 250,
            "victim_fears_for_safety": True,
            "self_harm_risk": "concern",
        },
    )
    e1 = Exhibit(
        case_id=cid,
        number=1,
        sha256=sha("instagram export"),
        size=90211,
        original_name="instagram-leo-2026.zip",
        media_type="application/zip",
        note="Instagram 'Download your information' export",
        acquired=T0,
    )
    e2 = Exhibit(
        case_id=cid,
        number=2,
        sha256=sha("gift card receipt"),
        size=30555,
        original_name="recu_cartes_cadeaux.jpg",
        media_type="image/jpeg",
        note="Reçu des cartes-cadeaux (250 $)",
        acquired=T0 + timedelta(minutes=3),
    )
    e3 = Exhibit(
        case_id=cid,
        number=3,
        sha256=sha("leo image"),
        size=2211234,
        original_name="IMG_2231.JPG",
        media_type="image/jpeg",
        md5=hashlib.md5(b"leo").hexdigest(),
        pdq="0" * 64,
        sensitive=True,
        stored=False,
        acquired=T0 + timedelta(minutes=5),
    )
    exhibits = [e1, e2, e3]
    messages = [
        KeyMessage(
            T0 - timedelta(days=2),
            "chloe.xo.2009",
            "Pay 500$ in Steam cards or I send ur pic to all ur followers. U have 2 hours.",
            "Instagram",
            "E1",
            e1.sha256,
            "$.messages[12]",
        ),
        KeyMessage(
            T0 - timedelta(days=2, minutes=-40),
            "chloe.xo.2009",
            "only 250? send the rest tomorrow or everyone sees it",
            "Instagram",
            "E1",
            e1.sha256,
            "$.messages[19]",
        ),
    ]
    timeline = [
        TimelineEvent(
            case_id=cid,
            when=T0 - timedelta(days=3),
            title="Message from « Chloé »",
            source="exhibit",
            reference=e1.sha256,
        ),
        TimelineEvent(
            case_id=cid,
            when=T0 - timedelta(days=2),
            title="Threat and demand for money",
            source="exhibit",
            reference=e1.sha256,
        ),
        TimelineEvent(
            case_id=cid,
            when=T0 - timedelta(days=2, hours=-2),
            title="Léo pays 250 $ in gift cards",
            source="exhibit",
            reference=e2.sha256,
        ),
    ]
    contacts = [
        Contact(
            case_id=cid,
            when=T0 + timedelta(hours=5),
            kind=ContactKind.visit,
            agency="Service de police de Laval",
            officer_name="M. Roy",
            badge_number="208",
            file_number="LAV-26-04412",
            summary="Signalement au comptoir.",
            outcome="Refus : on m'a dit que le suspect est à l'étranger et qu'on ne peut rien faire.",
        ),
    ]
    extortion = OffenceView(
        section="346(1)",
        title={"en": "Extortion", "fr": "Extorsion"},
        status="likely",
        elements=(
            ElementView(
                {"en": "Threats to obtain something", "fr": "Menaces pour obtenir quelque chose"},
                "met",
                "threat_to_distribute_image",
                True,
            ),
            ElementView(
                {"en": "Something was demanded", "fr": "Une chose a été exigée"}, "met", "demand", "money"
            ),
        ),
        sources=(CC,),
    )
    ncii = OffenceView(
        section="162.1(1)",
        title={
            "en": "Publication of an intimate image without consent",
            "fr": "Publication d'une image intime sans consentement",
        },
        status="possible",
        elements=(
            ElementView(
                {"en": "The image was shared", "fr": "L'image a été diffusée"},
                "unknown",
                "image_published_without_consent",
                None,
            ),
        ),
        sources=(CC,),
    )
    assessment = AssessmentView(
        offences=(extortion, ncii),
        urgency="imminent",
        urgency_reasons=(
            {"en": "risk of self-harm", "fr": "risque d'automutilation"},
            {"en": "deadline set by the suspect", "fr": "délai imposé par le suspect"},
        ),
        referrals=(
            AgencyView(
                name="Kids Help Phone / Jeunesse, J'écoute",
                how="1-800-668-6868",
                when={"en": "support for Léo now", "fr": "soutien pour Léo dès maintenant"},
                source=SourceRef("Kids Help Phone", "https://kidshelpphone.ca", "2026-05-31"),
            ),
        ),
        questions=(
            {"en": "Has the image been shared with anyone?", "fr": "L'image a-t-elle été diffusée ?"},
        ),
    )
    platforms = {
        "instagram": PlatformView(
            "Instagram",
            "Meta Law Enforcement Online Request System",
            "https://www.facebook.com/records",
            address=("Meta Platforms, Inc.", "1 Meta Way", "Menlo Park, CA 94025"),
            source=SourceRef(
                "Meta: Information for law enforcement",
                "https://about.meta.com/actions/safety/audiences/law/guidelines/",
                "2026-05-31",
            ),
        )
    }
    return CaseBundle(
        case=case,
        people=people,
        facts=facts,
        contacts=contacts,
        timeline=timeline,
        exhibits=exhibits,
        custody=_custody(exhibits),
        messages=messages,
        assessment=assessment,
        platforms=platforms,
        generated=datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
    )
