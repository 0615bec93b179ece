"""Demo step: assess the demo case's facts and say, in two lines, what the law engine found."""

from __future__ import annotations

from ..i18n import current_lang, t
from ..law import assess
from ..store import CaseRepository, FactRepository
from . import DemoContext


def run(ctx: DemoContext) -> None:
    with ctx.store.session() as s:
        case = CaseRepository(s).get(ctx.case_id)
        stored = FactRepository(s).as_dict(ctx.case_id)
    # A case also holds facts other parts record (names, notes): the engine reads its own vocabulary only.
    result = assess(stored, case.jurisdiction, only_known_keys=True)
    lang = current_lang()
    found = ", ".join(f"{o.section} {t('law.demo.status.' + o.status, lang)}" for o in result.offences)
    ctx.say(
        t(
            "law.demo.summary",
            lang,
            offences=found or t("law.demo.no_offence", lang),
            urgency=t("law.urgency." + result.urgency, lang),
        )
    )
    helpers = ", ".join(r.name.get(lang) for r in result.referrals[:3])
    ctx.say(
        t("law.demo.next", lang, steps=len(result.steps), helpers=helpers or "-", count=len(result.questions))
    )
