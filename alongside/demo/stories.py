"""The two stories from the product brief, in the people's own words (invented; names changed)."""

from datetime import date, timedelta

from django.utils import timezone

from alongside.aboutme.models import CheckState, Voice
from alongside.aboutme.services import confirmation_record, statement_add
from alongside.conversations.models import Conversation
from alongside.conversations.services import conversation_finish, conversation_start, note_add
from alongside.needs.services import need_add
from alongside.outcomes.gas import ratings_record
from alongside.outcomes.models import Answer, GoalRating, Instrument
from alongside.outcomes.services import answer_record
from alongside.plans.models import Plan, UnitCost
from alongside.plans.services import (
    GOAL_LEVEL_FIELDS,
    action_add,
    agreement_record,
    contingency_save,
    goal_add,
    goal_levels_set,
    idea_add,
    plan_agree,
    plan_put_in_place,
    plan_start,
    review_record,
)
from alongside.threads.models import AuthorRole, Message

OWN, SUPPORTER, SUMMARY = Voice.OWN_WORDS, Voice.SUPPORTER_WORDS, Voice.PRACTITIONER_SUMMARY

DENNIS = {
    "held_on": date(2026, 3, 3),
    "statements": [
        (
            "what_matters",
            OWN,
            "Getting out again. Since the fall I've hardly left the house, and it's getting to both of us.",
        ),
        (
            "what_matters",
            SUPPORTER,
            "I'd give anything to see him on a bike again. We used to ride out every Sunday, rain or shine.",
        ),
        (
            "days",
            OWN,
            "A good day is out on the road with the wind in my face and Maggie beside me. A bad day is sat in this chair watching the clock while she runs round after me.",
        ),
        (
            "strengths",
            OWN,
            "I can still fix anything with an engine. I've been tinkering with bikes since I was fourteen.",
        ),
        (
            "strengths",
            SUPPORTER,
            "He's patient, he's funny, and he never forgets a road he's ridden.",
        ),
        (
            "interests",
            OWN,
            "Motorbikes. Maggie and I rode all over the country together: the Lakes, the Dales, down to Cornwall.",
        ),
        (
            "people",
            OWN,
            "Maggie, first and always. The lads from the old riders' club, if they'd still have me.",
        ),
        ("support", OWN, "Don't rush me, and don't talk over me to Maggie. Ask me."),
        (
            "support",
            SUMMARY,
            "Dennis has heart failure and walks short distances indoors with a frame since his fall last winter. He tires quickly but is clear about what he wants.",
        ),
        ("communication", OWN, "I'm a bit deaf on my left side, so sit on my right."),
    ],
    "checks": [
        ("what_matters", CheckState.RIGHT, ""),
        ("interests", CheckState.RIGHT, ""),
        ("days", CheckState.NOT_QUITE, "Put in that I'd ride in a sidecar if I can't ride myself."),
    ],
    "needs": [
        (
            None,
            "community",
            "I can't get out on my own any more, and the bus is no good with my chest.",
            "Dennis has not left the house except for appointments since January.",
            ["participation", "health"],
        ),
        (
            None,
            "relationships",
            "I've lost touch with the riders' club.",
            "Isolation is affecting Dennis's mood.",
            ["relationships"],
        ),
        (
            "Maggie Ellis",
            "carer_recreation",
            "I haven't had a day to myself since last winter.",
            "Maggie cares for about 60 hours a week and has no regular break.",
            ["health"],
        ),
        (
            "Maggie Ellis",
            "carer_relationships",
            "We used to have friends round. Now it's just us.",
            "",
            ["relationships"],
        ),
    ],
    "goals": [
        "Get out on the bike with Maggie again, even if I'm not the one riding.",
        "See the lads from the riders' club.",
    ],
    "ideas": [
        # (goal number or None for the traditional package, title, kind, suggested by, one-off £,
        #  rate name or (£, unit), units a week, funding, chosen, liked, pros, cons)
        (
            1,
            "A sidecar outfit: Maggie rides, Dennis in the sidecar",
            "one_off",
            "Dennis",
            2400,
            None,
            0,
            "direct_payment",
            True,
            True,
            "We'd be out together again, like before.",
            "Getting in and out needs practice.",
        ),
        (
            1,
            "Mobility assessment for getting in and out of the sidecar",
            "equipment",
            "Sam Patel",
            0,
            None,
            0,
            "nhs",
            True,
            False,
            "Makes it safe.",
            "",
        ),
        (
            2,
            "Shirebrook Riders' Club: Sunday rides and the café",
            "community",
            "Maggie Ellis",
            0,
            (30, "month"),
            1,
            "own_money",
            True,
            True,
            "Old friends, and Maggie gets a break at the café.",
            "",
        ),
        (
            None,
            "Day centre place, two days a week",
            "commissioned",
            "Sam Patel",
            0,
            "Day centre place",
            2,
            "commissioned",
            False,
            False,
            "Company and a hot meal.",
            "Dennis says it isn't him; Maggie would still be on her own.",
        ),
    ],
    # (goal number or None, what, owner kind, owner name, due in days from loading, status)
    "actions": [
        (
            1,
            "Find a sidecar outfit and get two quotes",
            "supporter",
            "Maggie Ellis",
            30,
            "in_progress",
        ),
        (1, "Book the mobility assessment", "practitioner", "Sam Patel", -7, "to_do"),
        (1, "Set up the direct payment for the sidecar", "practitioner", "Sam Patel", 21, "to_do"),
        (2, "Ring Ken at the riders' club about Sunday rides", "person", "Dennis", 14, "to_do"),
    ],
    "contingency": (
        "Dennis stops wanting to go out. Maggie is worn out or unwell.",
        "Maggie rings Sam. The riders' club can take Dennis out on a Sunday while Maggie rests.",
        "Sam Patel, adult social care: 01632 960111 (weekdays). Out of hours: 01632 960999.",
    ),
    # (party, who (a circle member's name for a supporter), decision, their words)
    "agreements": [
        ("person", "", "agree", "Yes. Get me in that sidecar."),
        (
            "supporter",
            "Maggie Ellis",
            "reservations",
            "I'm in. I'm nervous about the first few rides, so I want the assessment done first.",
        ),
        (
            "practitioner",
            "",
            "agree",
            "Dennis and Maggie found this themselves. It is what matters to them, and it costs "
            "less than the day centre.",
        ),
        (
            "team_manager",
            "",
            "agree",
            "Agreed. A direct payment for the sidecar is a good use of Dennis's budget.",
        ),
    ],
    # (who: "person", "practitioner" or a circle member's name, the message)
    "messages": [
        (
            "Maggie Ellis",
            "Sam, the dealer in Mansfield has a sidecar outfit. Can you help with the payment?",
        ),
        ("practitioner", "Yes. I will set up the direct payment this week and ring you."),
        ("person", "Thank you Sam. Tell Ken at the club I'll be back soon."),
    ],
    "notes": [
        (OWN, "If I can't ride myself, I'd go in a sidecar. Maggie could drive it."),
        (SUPPORTER, "I've still got my licence. I'd take him anywhere."),
    ],
    # How it's going: Goal Attainment Scaling levels for each goal, in Dennis's words (−2 … +2),
    # then what was answered when the plan started and at the 3-month check-in.
    "started_on": date(2026, 3, 24),
    "outcomes_every_months": 3,
    "goal_levels": [
        (
            "I can't bear to look at the bike",
            "The bike sits in the garage: I haven't been out",
            "Out in the sidecar with Maggie once a month",
            "Out with Maggie most weeks",
            "Out most weeks, and at the riders' club meets",
        ),
        (
            "Not seeing anyone from the club",
            "A phone call from one of the lads now and then",
            "Meeting the lads once a month",
            "Meeting the lads most weeks",
            "Back at the club nights, helping with the bikes",
        ),
    ],
    "outcomes": [
        # (date, moment, how, ONS4, UCLA-3 answers, goal levels)
        (
            date(2026, 3, 24),
            "baseline",
            "with_help",
            {"life_satisfaction": 3, "worthwhile": 2, "happiness": 4, "anxiety": 7},
            {"companionship": 3, "left_out": 3, "isolated": 2},
            (-1, -1),
        ),
        (
            date(2026, 6, 25),
            "interval",
            "self",
            {"life_satisfaction": 5, "worthwhile": 5, "happiness": 6, "anxiety": 5},
            {"companionship": 2, "left_out": 2, "isolated": 2},
            (-1, 0),
        ),
    ],
    # An unpaid carer's own answers, about herself.
    "carer_outcomes": [
        (
            "Maggie Ellis",
            date(2026, 3, 24),
            {"life_satisfaction": 4, "worthwhile": 6, "happiness": 4, "anxiety": 7},
        ),
        (
            "Maggie Ellis",
            date(2026, 6, 25),
            {"life_satisfaction": 4, "worthwhile": 6, "happiness": 5, "anxiety": 6},
        ),
    ],
}

RUTH = {
    "held_on": date(2026, 4, 14),
    "statements": [
        ("what_matters", OWN, "Singing. And Anne. I don't want to be a burden on her."),
        (
            "days",
            OWN,
            "A good day has music in it. A bad day is when I can't find my words and everyone goes quiet.",
        ),
        (
            "strengths",
            OWN,
            "I sang in the St Mary's choir for forty years. I still know every hymn by heart.",
        ),
        (
            "strengths",
            SUPPORTER,
            "When Mum sings she's completely herself again. People stop and listen.",
        ),
        ("interests", OWN, "Singing, the old hymns, and Ella Fitzgerald on a Sunday afternoon."),
        ("interests", SUPPORTER, "I play piano. We used to make music together every evening."),
        ("people", OWN, "Anne, my daughter. Grace from church still rings me on Thursdays."),
        (
            "support",
            OWN,
            "Give me time. If I lose my way in a sentence, wait. Don't finish it for me.",
        ),
        (
            "support",
            SUMMARY,
            "Ruth was diagnosed with dementia in the spring. Anne gave up her work as a teaching assistant to care for her.",
        ),
        ("communication", OWN, "Short questions, one at a time. Mornings are best."),
    ],
    "checks": [("what_matters", CheckState.RIGHT, ""), ("strengths", CheckState.RIGHT, "")],
    "needs": [
        (
            None,
            "relationships",
            "I hardly see anyone now.",
            "Ruth and Anne have become isolated since the diagnosis.",
            ["relationships", "health"],
        ),
        (
            "Anne Okafor",
            "carer_relationships",
            "I've lost touch with my friends. It's just me and Mum.",
            "",
            ["relationships"],
        ),
        (
            "Anne Okafor",
            "carer_work_learning",
            "I miss working with the children.",
            "Anne gave up work to care.",
            ["participation"],
        ),
    ],
    "goals": [
        "Sing with people again, with Anne playing.",
        "Anne wants time with her own friends.",
    ],
    "ideas": [
        (
            1,
            "A weekly session at Parkside day service: Ruth sings, Anne plays the piano",
            "community",
            "Anne Okafor",
            0,
            "Parkside day service session",
            1,
            "direct_payment",
            True,
            True,
            "Music, friends, and others enjoy it too.",
            "",
        ),
        (
            2,
            "The Thursday carers' group at the library",
            "community",
            "Priya Shah",
            0,
            "Carers' group",
            1,
            "free",
            True,
            True,
            "Other carers who understand.",
            "Anne needs someone with Mum while she goes.",
        ),
        (
            None,
            "Home care, an hour a day",
            "commissioned",
            "Priya Shah",
            0,
            "Home care",
            7,
            "commissioned",
            False,
            False,
            "Help at home.",
            "Ruth would still be alone and without music.",
        ),
    ],
    "actions": [
        (
            1,
            "Ask Parkside about a weekly session with the piano",
            "supporter",
            "Anne Okafor",
            10,
            "in_progress",
        ),
        (
            1,
            "Set up the direct payment for the sessions",
            "practitioner",
            "Priya Shah",
            21,
            "to_do",
        ),
        (
            2,
            "Find someone to sit with Ruth on Thursdays",
            "community",
            "Shirebrook Good Neighbours",
            28,
            "to_do",
        ),
        (2, "Go to the carers' group for the first time", "supporter", "Anne Okafor", 35, "to_do"),
    ],
    "contingency": (
        "Ruth gets low and stops singing. Anne can't be there.",
        "Anne rings Priya. Reverend Grace can visit, and the church choir will sing with Ruth.",
        "Anne Okafor (daughter). Priya Shah, adult social care: 01632 960222 (weekdays). "
        "Out of hours: 01632 960999.",
    ),
    "agreements": [
        ("person", "", "agree", "Yes please. I want to sing."),
        (
            "supporter",
            "Anne Okafor",
            "reservations",
            "Yes, as long as someone sits with Mum on Thursdays so I can go to the group.",
        ),
        (
            "practitioner",
            "",
            "agree",
            "This is Ruth's and Anne's plan. It gives Ruth music and Anne some time of her own.",
        ),
    ],
    "messages": [
        ("Anne Okafor", "Parkside can do Wednesday mornings. Is that all right?"),
        ("practitioner", "Wednesdays are fine. I will ring Parkside today."),
    ],
    # Three months on: a review, and the next version waiting for everyone to decide.
    "review": {
        "what_changed": "I sing every Wednesday now. People ask for my songs.",
        "what_worked": "Anne playing the piano. Friends at Parkside.",
        "what_did_not": "Thursdays are still hard for Anne.",
        "practitioner_view": "Ruth is brighter and Anne has some time. Grace offered the choir.",
    },
    "next_goal": "Sing with the choir at St Mary's at Christmas.",
    "next_idea": (
        "Join St Mary's choir for the Christmas concert",
        "community",
        "Reverend Grace Mensah",
        "Ruth knows the carols and the choir wants her.",
    ),
    "notes": [
        (OWN, "I would sing anywhere, if Anne played for me."),
        (SUPPORTER, "Parkside day service has a piano. Could we go there together?"),
    ],
    # How it's going: the review found Ruth singing every week and brighter, and Anne with a
    # little time of her own (Thursdays still hard).
    "started_on": date(2026, 5, 5),
    "goal_levels": [
        (
            "Not singing at all",
            "Singing at home, only with Anne",
            "Singing with a group once a month",
            "Singing with a group every week",
            "Singing every week, and people ask for my songs",
        ),
        (
            "No time for herself at all",
            "An hour to herself now and then",
            "One afternoon a week with her friends",
            "Two afternoons a week with her friends",
            "Time with friends whenever she wants, knowing Ruth is happy",
        ),
    ],
    "outcomes": [
        (
            date(2026, 5, 5),
            "baseline",
            "with_help",
            {"life_satisfaction": 4, "worthwhile": 3, "happiness": 4, "anxiety": 6},
            {"companionship": 3, "left_out": 3, "isolated": 3},
            (-1, -1),
        ),
        (
            date(2026, 11, 18),
            "review",
            "with_help",
            {"life_satisfaction": 7, "worthwhile": 8, "happiness": 8, "anxiety": 3},
            {"companionship": 1, "left_out": 2, "isolated": 1},
            (2, 0),
        ),
    ],
    "carer_outcomes": [
        (
            "Anne Okafor",
            date(2026, 5, 5),
            {"life_satisfaction": 3, "worthwhile": 5, "happiness": 3, "anxiety": 8},
        ),
        (
            "Anne Okafor",
            date(2026, 11, 18),
            {"life_satisfaction": 5, "worthwhile": 7, "happiness": 6, "anxiety": 6},
        ),
    ],
}


def story_load(*, person, practitioner, story: dict, manager=None) -> None:
    """Writes one story, once: a recorded conversation, About me, checks, needs and the plan."""
    if Conversation.objects.about(person).exists():
        return
    circle = {m.name: m for m in person.circle.all()}
    carers = [m for m in circle.values() if m.is_unpaid_carer]
    conversation = conversation_start(
        person=person,
        practitioner=practitioner,
        supporters=carers,
        details={"held_on": story["held_on"], "place": "home", "kind": "what_matters"},
    )
    for section, voice, text in story["statements"]:
        statement_add(
            person=person,
            section=section,
            text=text,
            voice=voice,
            author=practitioner,
            conversation=conversation,
        )
    for voice, text in story["notes"]:
        note_add(conversation=conversation, text=text, voice=voice)
    conversation_finish(conversation=conversation)
    for section, state, words in story["checks"]:
        confirmation_record(
            person=person, section=section, state=state, words=words, recorded_by=practitioner
        )
    for carer_name, outcome, persons_view, practitioners_view, areas in story["needs"]:
        need_add(
            person=person,
            carer=circle.get(carer_name),
            recorded_by=practitioner,
            details={
                "outcome": outcome,
                "persons_view": persons_view,
                "practitioners_view": practitioners_view,
                "wellbeing_areas": areas,
                "noted_on": story["held_on"],
            },
        )
    _plan_load(
        person=person,
        practitioner=practitioner,
        manager=manager,
        conversation=conversation,
        story=story,
        circle=circle,
    )


def _plan_load(*, person, practitioner, manager, conversation, story, circle) -> None:
    """The plan made together, agreed by each party in their own words and put in place."""
    plan = plan_start(person=person)
    goals = [
        goal_add(plan=plan, text=text, voice=OWN, author=practitioner, conversation=conversation)
        for text in story["goals"]
    ]
    for goal, levels in zip(goals, story.get("goal_levels", ()), strict=False):
        goal_levels_set(
            goal=goal,
            seen_revision=goal.revision,
            levels=dict(zip(GOAL_LEVEL_FIELDS, levels, strict=True)),
            weight=1,
        )
    rates = {
        r.name: r for r in UnitCost.objects.in_force_on(story["held_on"].replace(month=12, day=31))
    }
    for (
        goal_number,
        title,
        kind,
        by,
        one_off,
        rate,
        units,
        funding,
        chosen,
        liked,
        pros,
        cons,
    ) in story["ideas"]:
        details = {
            "goal": goals[goal_number - 1] if goal_number else None,
            "is_traditional": goal_number is None,
            "title": title,
            "kind": kind,
            "suggested_by_circle": by == person.given_name or by in circle,
            "suggested_by_name": by,
            "suggested_by_member": circle.get(by),
            "pros": pros,
            "cons": cons,
            "one_off_pence": one_off * 100,
            "units_per_week": units,
            "funding": funding,
            "chosen": chosen,
            "person_likes": liked,
        }
        if isinstance(rate, str):
            details["unit_cost"] = rates[rate]
        elif rate:
            details["rate_pence"], details["unit"] = rate[0] * 100, rate[1]
        idea_add(plan=plan, details=details, added_by=practitioner)
    today = timezone.localdate()
    for goal_number, text, owner_kind, owner_name, due_in, status in story["actions"]:
        details = {
            "goal": goals[goal_number - 1] if goal_number else None,
            "text": text,
            "owner_kind": owner_kind,
            "owner_name": owner_name,
            "due_on": today + timedelta(days=due_in),
            "status": status,
        }
        action_add(plan=plan, details=details, added_by=practitioner)
    warning_signs, what_to_do, who_to_call = story["contingency"]
    contingency_save(
        plan=plan,
        seen_revision=Plan.objects.get(pk=plan.pk).revision,
        warning_signs=warning_signs,
        what_to_do=what_to_do,
        who_to_call=who_to_call,
    )
    for party, name, decision, words in story["agreements"]:
        by = manager if party == "team_manager" else practitioner
        plan.refresh_from_db()
        agreement_record(
            plan=plan,
            seen_revision=plan.revision,
            party=party,
            circle_member=circle.get(name),
            decision=decision,
            words=words,
            by=by,
        )
    plan.refresh_from_db()
    plan_agree(
        plan=plan,
        seen_revision=plan.revision,
        by=practitioner,
        practitioner_name=practitioner.full_name,
    )
    plan_put_in_place(plan=plan, started_on=story.get("started_on"))
    _outcomes_load(person=person, plan=plan, practitioner=practitioner, story=story, circle=circle)
    _messages_load(person=person, practitioner=practitioner, story=story, circle=circle)
    if "review" in story:
        _next_version_load(
            plan=plan,
            practitioner=practitioner,
            conversation=conversation,
            story=story,
            circle=circle,
        )


def _outcomes_load(*, person, plan, practitioner, story, circle) -> None:
    """Answers at the plan's start and since, on the dates the story gives; the carers' own."""
    plan.outcomes_every_months = story.get("outcomes_every_months")
    plan.save(update_fields=["outcomes_every_months"])
    versions = {code: Instrument.objects.get(code=code).current() for code in ("ons4", "ucla3")}
    for on, moment, how, ons4, ucla3, levels in story.get("outcomes", ()):
        for code, answers in (("ons4", ons4), ("ucla3", ucla3)):
            answer = answer_record(
                person=person, version=versions[code], answers=answers, by=practitioner, how=how
            )
            Answer.objects.filter(pk=answer.pk).update(answered_on=on)
        goals = {goal.pk: (level, "") for goal, level in zip(plan.goals.all(), levels, strict=True)}
        rated = ratings_record(person=person, plan=plan, levels=goals, by=practitioner, how=how)
        GoalRating.objects.filter(pk__in=[r.pk for r in rated]).update(rated_on=on, moment=moment)
    for name, on, answers in story.get("carer_outcomes", ()):
        member = circle[name]
        answer = answer_record(
            person=person,
            carer=member,
            version=versions["ons4"],
            answers=answers,
            by=member.account or practitioner,
            how="self" if member.account else "with_help",
        )
        Answer.objects.filter(pk=answer.pk).update(answered_on=on)


def _messages_load(*, person, practitioner, story, circle) -> None:
    """Written straight into the thread: loading the demo sends no e-mail."""
    for who, body in story["messages"]:
        member = circle.get(who)
        if who == "practitioner":
            author, role = practitioner, AuthorRole.PRACTITIONER
        elif member is not None:
            author, role = member.account, AuthorRole.SUPPORTER
        else:
            author, role = person.account, AuthorRole.PERSON
        Message.objects.create(
            person=person, author=author, author_role=role, circle_member=member, body=body
        )


def _next_version_load(*, plan, practitioner, conversation, story, circle) -> None:
    _review, draft = review_record(plan=plan, details=story["review"], by=practitioner)
    goal = goal_add(
        plan=draft,
        text=story["next_goal"],
        voice=OWN,
        author=practitioner,
        conversation=conversation,
    )
    title, kind, by, pros = story["next_idea"]
    idea_add(
        plan=draft,
        details={
            "goal": goal,
            "title": title,
            "kind": kind,
            "suggested_by_circle": True,
            "suggested_by_name": by,
            "suggested_by_member": circle.get(by),
            "pros": pros,
            "funding": "free",
            "chosen": True,
        },
        added_by=practitioner,
    )
