"""The facts vocabulary itself: every key with its kind, allowed values, labels and one-line description.

Kept apart from the checking code in ``facts.py``. Adding a key is compatible; renaming or removing one
bumps ``VERSION`` in ``facts.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Spelling variants people type for the same app; the knowledge base uses the names on the right.
PLATFORM_ALIASES = {
    "ig": "instagram",
    "insta": "instagram",
    "fb": "facebook",
    "facebook messenger": "messenger",
    "twitter": "x",
    "x (twitter)": "x",
    "snap": "snapchat",
    "yt": "youtube",
    "gmail": "google",
    "icloud": "imessage",
    "imessages": "imessage",
    "apple": "imessage",
    "microsoft": "xbox",
}
KNOWN_PLATFORMS = (
    "discord",
    "facebook",
    "google",
    "imessage",
    "instagram",
    "kik",
    "messenger",
    "reddit",
    "roblox",
    "snapchat",
    "telegram",
    "tiktok",
    "whatsapp",
    "x",
    "xbox",
    "youtube",
)


@dataclass(frozen=True)
class FactSpec:
    key: str
    kind: str  # bool | int | number | enum | age | list | date
    label_en: str
    label_fr: str
    description_en: str
    description_fr: str
    values: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    examples: tuple[str, ...] = field(default=())

    def label(self, lang: str = "en") -> str:
        return self.label_fr if lang == "fr" else self.label_en

    def description(self, lang: str = "en") -> str:
        return self.description_fr if lang == "fr" else self.description_en

    def allowed(self) -> str:
        """What is allowed, in words for an error message (English technical tokens, same in both languages)."""
        if self.kind == "bool":
            return "true or false"
        if self.kind == "enum":
            return " | ".join(self.values)
        if self.kind == "age":
            return "a whole number 0-130, or adult | minor | unknown"
        if self.kind == "int":
            return f"a whole number {self.minimum:g}-{self.maximum:g}"
        if self.kind == "number":
            return "an amount of 0 or more"
        if self.kind == "list":
            return "a list of names, e.g. [instagram, snapchat]"
        return "a date YYYY-MM-DD"


def _b(key: str, en: str, fr: str, den: str, dfr: str) -> FactSpec:
    return FactSpec(key, "bool", en, fr, den, dfr)


def _e(key: str, values: tuple[str, ...], en: str, fr: str, den: str, dfr: str) -> FactSpec:
    return FactSpec(key, "enum", en, fr, den, dfr, values=values)


SPECS: tuple[FactSpec, ...] = (
    FactSpec(
        "incident_date",
        "date",
        "Date it happened",
        "Date des faits",
        "When the conduct happened (the law in force on this date applies).",
        "Quand les faits ont eu lieu (la loi en vigueur à cette date s'applique).",
    ),
    FactSpec(
        "victim_age",
        "int",
        "Victim's age",
        "Âge de la victime",
        "The victim's age in years at the time.",
        "L'âge de la victime, en années, au moment des faits.",
        minimum=0,
        maximum=130,
    ),
    _e(
        "victim_type",
        ("person", "organisation"),
        "Victim is a person or an organisation",
        "Victime : personne ou organisation",
        "Whether the harm was done to a person or to an organisation.",
        "Si le tort vise une personne ou une organisation.",
    ),
    FactSpec(
        "suspect_age",
        "age",
        "Suspect's age",
        "Âge du suspect",
        "The suspect's age in years, or adult / minor when only that is known.",
        "L'âge du suspect en années, ou adulte (adult) / mineur (minor) si c'est tout ce qu'on sait.",
        values=("adult", "minor", "unknown"),
    ),
    _e(
        "suspect_location",
        ("canada", "abroad", "unknown"),
        "Where the suspect is",
        "Où se trouve le suspect",
        "Whether the suspect seems to be in Canada (the victim's country) or abroad.",
        "Si le suspect semble être au Canada (le pays de la victime) ou à l'étranger.",
    ),
    _e(
        "suspect_relationship",
        ("stranger", "partner", "ex_partner", "family", "acquaintance", "unknown"),
        "How the victim knows the suspect",
        "Lien entre la victime et le suspect",
        "Who the suspect is to the victim.",
        "Qui est le suspect pour la victime.",
    ),
    FactSpec(
        "platform",
        "list",
        "Apps and platforms used",
        "Applications et plateformes utilisées",
        "The apps or sites where the contact happened.",
        "Les applications ou sites où le contact a eu lieu.",
        examples=KNOWN_PLATFORMS,
    ),
    _b(
        "suspect_requested_images",
        "Suspect asked for sexual images",
        "Le suspect a demandé des images sexuelles",
        "The suspect asked the victim for nude or sexual pictures or videos.",
        "Le suspect a demandé à la victime des photos ou vidéos nues ou sexuelles.",
    ),
    _b(
        "victim_sent_intimate_image",
        "Victim sent an intimate image",
        "La victime a envoyé une image intime",
        "The victim sent the suspect a nude or sexual picture or video of themself.",
        "La victime a envoyé au suspect une photo ou vidéo nue ou sexuelle d'elle-même.",
    ),
    _b(
        "image_depicts_minor",
        "The image shows someone under 18",
        "L'image montre une personne de moins de 18 ans",
        "A sexual image involved shows a person who is under 18 (or is shown as under 18).",
        "Une image sexuelle en cause montre une personne de moins de 18 ans (ou présentée comme telle).",
    ),
    _b(
        "image_published_without_consent",
        "An intimate image was shared without consent",
        "Une image intime a été diffusée sans consentement",
        "Someone posted, sent or showed an intimate image of the victim without the victim's consent.",
        "Quelqu'un a publié, envoyé ou montré une image intime de la victime sans son consentement.",
    ),
    _b(
        "image_is_synthetic",
        "The image is fake (edited or AI-made)",
        "L'image est fausse (retouchée ou créée par IA)",
        "The sexual image was made or altered by software rather than recorded.",
        "L'image sexuelle a été fabriquée ou modifiée par logiciel plutôt qu'enregistrée.",
    ),
    _b(
        "threat_to_distribute_image",
        "Threat to share images",
        "Menace de diffuser des images",
        "The suspect threatened to send or post the victim's images.",
        "Le suspect a menacé d'envoyer ou de publier les images de la victime.",
    ),
    _e(
        "demand",
        ("money", "images", "sexual_acts", "relationship", "other", "none"),
        "What the suspect demanded",
        "Ce que le suspect exigeait",
        "What the suspect wanted in return (with or without a threat).",
        "Ce que le suspect voulait obtenir (avec ou sans menace).",
    ),
    _b(
        "payment_made",
        "Money was paid",
        "De l'argent a été versé",
        "The victim (or family) paid the suspect something.",
        "La victime (ou sa famille) a payé quelque chose au suspect.",
    ),
    _e(
        "payment_method",
        ("gift_card", "crypto", "e_transfer", "other"),
        "How it was paid",
        "Moyen de paiement",
        "How the payment was made.",
        "Comment le paiement a été fait.",
    ),
    FactSpec(
        "money_lost",
        "number",
        "Money lost",
        "Somme perdue",
        "The total amount paid or taken, in dollars.",
        "Le montant total payé ou pris, en dollars.",
        minimum=0,
    ),
    _b(
        "deception",
        "Suspect lied about who they are or what they wanted",
        "Le suspect a menti sur son identité ou ses intentions",
        "The suspect used lies or a false identity (for example posing as a teen).",
        "Le suspect a utilisé des mensonges ou une fausse identité (par exemple en se faisant passer pour un ado).",
    ),
    _b(
        "suspect_sent_sexual_material",
        "Suspect sent sexual material",
        "Le suspect a envoyé du contenu sexuel",
        "The suspect sent the victim sexual pictures, videos or links (of themself or others).",
        "Le suspect a envoyé à la victime des images, vidéos ou liens sexuels (de lui-même ou d'autres).",
    ),
    _b(
        "suspect_requested_sexual_touching",
        "Suspect asked the victim to touch themself sexually",
        "Le suspect a demandé à la victime de se toucher sexuellement",
        "The suspect invited or told the victim to touch their own or someone's body for a sexual purpose.",
        "Le suspect a invité la victime à toucher son propre corps ou celui d'une autre personne à des fins sexuelles.",
    ),
    _b(
        "live_sexual_video_by_minor",
        "Child did something sexual on live video",
        "L'enfant a fait un acte sexuel en vidéo en direct",
        "The young person was led to do something sexual on a live video call or stream.",
        "Le jeune a été amené à faire un acte sexuel lors d'un appel vidéo ou d'une diffusion en direct.",
    ),
    _b(
        "sexualized_questions",
        "Sexual questions or talk",
        "Questions ou propos sexuels",
        "The suspect asked sexual questions or steered talk to sex.",
        "Le suspect a posé des questions sexuelles ou orienté la conversation vers la sexualité.",
    ),
    _b(
        "secrecy_requested",
        "Asked to keep it secret",
        "Demande de garder le secret",
        "The suspect asked the victim to hide the contact from parents or others.",
        "Le suspect a demandé à la victime de cacher le contact à ses parents ou à d'autres.",
    ),
    _b(
        "moved_to_private_platform",
        "Moved the chat to another app",
        "Conversation déplacée vers une autre application",
        "The suspect moved the conversation to a more private or disappearing-message app.",
        "Le suspect a déplacé la conversation vers une application plus privée ou à messages éphémères.",
    ),
    _b(
        "meeting_proposed",
        "Suggested meeting in person",
        "Proposition de rencontre en personne",
        "The suspect suggested or arranged meeting the victim in person.",
        "Le suspect a proposé ou organisé une rencontre en personne avec la victime.",
    ),
    _b(
        "arrangement_with_other_adult",
        "Adults arranged abuse of a child between them",
        "Des adultes ont convenu entre eux d'abuser d'un enfant",
        "The suspect agreed or arranged with another person to commit a sexual offence against a child.",
        "Le suspect a convenu avec une autre personne de commettre une infraction sexuelle contre un enfant.",
    ),
    _b(
        "repeated_contact",
        "Contacted again and again",
        "Contacts répétés",
        "The suspect contacted the victim (or people they know) repeatedly.",
        "Le suspect a contacté la victime (ou ses proches) de façon répétée.",
    ),
    _b(
        "contact_after_blocking",
        "Kept contacting after being blocked or told to stop",
        "Contacts malgré un blocage ou une demande d'arrêter",
        "The suspect came back with new accounts or numbers after being blocked or told to stop.",
        "Le suspect est revenu avec de nouveaux comptes ou numéros après avoir été bloqué ou prié d'arrêter.",
    ),
    _b(
        "victim_fears_for_safety",
        "Victim fears for their safety",
        "La victime craint pour sa sécurité",
        "The victim is afraid for their own safety or that of someone they know.",
        "La victime a peur pour sa sécurité ou celle d'un proche.",
    ),
    _b(
        "threat_of_death_or_bodily_harm",
        "Threat to kill or hurt",
        "Menace de mort ou de blessure",
        "The suspect threatened to kill or physically hurt the victim or someone else.",
        "Le suspect a menacé de tuer ou de blesser la victime ou une autre personne.",
    ),
    _e(
        "threat_timing",
        ("imminent", "future", "unknown"),
        "When the threat would happen",
        "Quand la menace serait mise à exécution",
        "Whether a threatened harm could happen now (today, tonight) or later.",
        "Si le mal annoncé pourrait arriver tout de suite (aujourd'hui, ce soir) ou plus tard.",
    ),
    _b(
        "address_published",
        "Home address or location shared",
        "Adresse ou lieu de vie divulgué",
        "The suspect posted or sent the victim's home address, school or location.",
        "Le suspect a publié ou envoyé l'adresse, l'école ou la localisation de la victime.",
    ),
    _b(
        "account_accessed_without_permission",
        "Account broken into",
        "Compte piraté",
        "Someone got into the victim's account without permission (password taken or guessed).",
        "Quelqu'un est entré dans un compte de la victime sans permission (mot de passe volé ou deviné).",
    ),
    _b(
        "communications_intercepted",
        "Messages or calls spied on",
        "Messages ou appels espionnés",
        "Someone secretly read or recorded the victim's private messages or calls as they happened.",
        "Quelqu'un a lu ou enregistré en secret les messages ou appels privés de la victime.",
    ),
    _b(
        "location_tracked",
        "Location tracked",
        "Localisation suivie",
        "Someone tracked where the victim is (tracking app, shared location, tag).",
        "Quelqu'un suit les déplacements de la victime (application, partage de position, traceur).",
    ),
    _b(
        "data_encrypted_or_altered",
        "Data deleted, changed or locked",
        "Données supprimées, modifiées ou verrouillées",
        "Someone deleted, changed or locked the victim's data or accounts.",
        "Quelqu'un a supprimé, modifié ou verrouillé les données ou les comptes de la victime.",
    ),
    _b(
        "impersonation",
        "Someone pretended to be the victim",
        "Quelqu'un s'est fait passer pour la victime",
        "Someone pretended to be the victim (fake profile, messages in their name) to harm or gain.",
        "Quelqu'un s'est fait passer pour la victime (faux profil, messages en son nom) pour nuire ou en tirer profit.",
    ),
    _b(
        "identity_information_misused",
        "Personal information stolen or misused",
        "Renseignements personnels volés ou utilisés",
        "Someone took or used the victim's identity information (name, birth date, passwords, card).",
        "Quelqu'un a pris ou utilisé les renseignements d'identité de la victime (nom, date de naissance, mots de passe, carte).",
    ),
    _b(
        "threat_to_leak_data",
        "Threat to leak private information",
        "Menace de divulguer des renseignements privés",
        "The suspect threatened to publish private information unless the victim does something.",
        "Le suspect a menacé de publier des renseignements privés si la victime n'obéit pas.",
    ),
    _b(
        "surreptitious_recording",
        "Secretly recorded",
        "Enregistrement à son insu",
        "The victim was filmed, photographed or watched without knowing it.",
        "La victime a été filmée, photographiée ou observée à son insu.",
    ),
    _b(
        "private_place",
        "In a private place",
        "Dans un lieu privé",
        "The recording or watching happened where people expect privacy (bedroom, bathroom, changing room).",
        "L'enregistrement ou l'observation a eu lieu dans un endroit privé (chambre, toilettes, vestiaire).",
    ),
    _b(
        "nudity_in_recording",
        "The recording shows nudity or sexual activity",
        "L'enregistrement montre de la nudité ou un acte sexuel",
        "The recording shows the victim nude, partly nude or in sexual activity.",
        "L'enregistrement montre la victime nue, partiellement nue ou lors d'un acte sexuel.",
    ),
    _b(
        "false_information_to_alarm",
        "False information spread to scare or hurt",
        "Fausses informations diffusées pour effrayer ou nuire",
        "The suspect sent messages they knew were false, to frighten or hurt someone.",
        "Le suspect a envoyé des messages qu'il savait faux, pour effrayer ou nuire.",
    ),
    _b(
        "suicide_encouraged",
        "Suspect urged the victim to kill or hurt themself",
        "Le suspect a poussé la victime au suicide ou à se blesser",
        "The suspect told or encouraged the victim to die by suicide.",
        "Le suspect a dit à la victime ou l'a encouragée à se suicider.",
    ),
    _b(
        "insults",
        "Insults or name-calling",
        "Insultes",
        "The suspect insulted or mocked the victim.",
        "Le suspect a insulté ou ridiculisé la victime.",
    ),
    _e(
        "self_harm_risk",
        ("none", "concern", "imminent"),
        "Risk that the victim will hurt themself",
        "Risque que la victime se fasse du mal",
        "Whether there is worry that the victim may hurt themself, and how soon.",
        "S'il y a une inquiétude que la victime se fasse du mal, et à quel point c'est urgent.",
    ),
    _b(
        "third_party_at_risk",
        "Other children may be at risk",
        "D'autres enfants pourraient être en danger",
        "The suspect may be targeting or in contact with other children.",
        "Le suspect pourrait viser d'autres enfants ou être en contact avec eux.",
    ),
    _b(
        "police_declined",
        "Police said nothing can be done",
        "La police a dit ne rien pouvoir faire",
        "The family already reported and police declined to open or continue an investigation.",
        "La famille a déjà porté plainte et la police a refusé d'ouvrir ou de poursuivre une enquête.",
    ),
)
