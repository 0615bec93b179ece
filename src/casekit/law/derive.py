"""Facts the engine works out from other facts, each named after what it means.

Derived values never overwrite what the user said: an answer given always wins.  Each derived fact
records what it came from, so the explanation can say "because the victim is 13 and sent an image".
"""

from __future__ import annotations

from typing import Any

from .conditions import _range

# Facts that mean "there is an intimate image or recording of the victim".
_IMAGE_OF_VICTIM = (
    "victim_sent_intimate_image",
    "image_published_without_consent",
    "threat_to_distribute_image",
    "live_sexual_video_by_minor",
    "nudity_in_recording",
)


def age_gap(facts: dict[str, Any]) -> tuple[float, float] | None:
    """How much older the suspect is than the victim, as a range (close-in-age exceptions use it)."""
    victim, suspect = _range(facts.get("victim_age")), _range(facts.get("suspect_age"))
    if victim is None or suspect is None:
        return None
    return (suspect[0] - victim[1], suspect[1] - victim[0])


def image_depicts_minor(facts: dict[str, Any]) -> tuple[bool, list[str]] | None:
    """Whether the images at issue (which are of the victim) show a minor, and the keys that show it.

    A victim under 18 with an image fact: yes.  A victim of 18 or more: no, because the image is taken to be
    recent; the intake asks ``image_depicts_minor`` directly when an adult's image was taken before 18.
    """
    victim = facts.get("victim_age")
    if not isinstance(victim, int) or isinstance(victim, bool):
        return None
    image_keys = [k for k in _IMAGE_OF_VICTIM if facts.get(k) is True]
    if not image_keys:
        return None
    return victim < 18, ["victim_age", *image_keys]


def derive(facts: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The facts with derived ones added, and for each derived key the keys it came from."""
    out = dict(facts)
    origins: dict[str, list[str]] = {}
    gap = age_gap(facts)
    if gap is not None:
        out["age_gap"] = gap
        origins["age_gap"] = ["suspect_age", "victim_age"]
    if "image_depicts_minor" not in facts:
        minor = image_depicts_minor(facts)
        if minor is not None:
            out["image_depicts_minor"], origins["image_depicts_minor"] = minor
    return out, origins
